package io.iotaj.runtime.check;

import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.model.Parameter;
import io.iotaj.runtime.model.Parameters;
import io.iotaj.runtime.model.Stage;
import io.iotaj.runtime.train.AdamW;
import io.iotaj.runtime.train.Pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Proves the Java model against a golden directory: every stage run forward and backward as a separate
 * stage (each sees only its boundary input and the gradient handed back), then the int8 codec, one
 * AdamW step and ten training steps.
 */
public final class ReferenceCheck
{
    public static final double FORWARD_TOL = 1e-4;
    public static final double GRADIENT_TOL = 1e-3;
    public static final double TRAIN_LOSS_ABS_TOL = 1e-3;

    private final Backend be;
    private final GoldenSet golden;
    private final List<Comparison> results = new ArrayList<>();

    public ReferenceCheck(final Backend backend, final GoldenSet golden)
    {
        this.be = backend;
        this.golden = golden;
    }

    public List<Comparison> run()
    {
        results.clear();
        final ModelConfig c = golden.config();
        final int B = golden.batch(), T = golden.seqLen(), rows = B * T;
        final Pipeline pipe = newPipeline();
        final List<Stage> stages = pipe.stages();

        Tensor x = stages.get(0).forwardTokens(golden.tokens(), B, T);
        for (int s = 0; s < stages.size(); s++)
        {
            if (s > 0)
            {
                final Tensor in = be.allocate(rows, c.boundaryWidth());
                be.copy(x, in);
                x = stages.get(s).forward(in, B, T);
            }
            compare("stage" + s + ".out", read(x), FORWARD_TOL, false);
        }
        final double loss = pipe.last().loss(golden.targets());
        compare("loss", new float[]{(float)loss}, FORWARD_TOL, false);

        Tensor g = pipe.last().backwardFromLoss();
        for (int s = stages.size() - 1; s >= 1; s--)
        {
            final float[] gradIn = read(g);
            compare("stage" + s + ".grad_in", gradIn, GRADIENT_TOL, false);
            if (s > 1)
            {
                final Tensor handed = be.fromArray(gradIn, rows, c.boundaryWidth());
                g = stages.get(s - 1).backward(handed);
            }
            else
            {
                stages.get(0).backward(be.fromArray(gradIn, rows, c.boundaryWidth()));
            }
        }
        for (final Stage s : stages)
        {
            for (final Parameter p : s.parameters().all())
            {
                compare("grad." + p.name(), read(p.grad()), GRADIENT_TOL, false);
            }
        }
        checkQ8(rows);

        for (final AdamW opt : optimizers(pipe))
        {
            opt.step(golden.adamw(), 0);
        }
        for (final Stage s : stages)
        {
            for (final Parameter p : s.parameters().all())
            {
                compare("adamw." + p.name(), read(p.value()), GRADIENT_TOL, false);
            }
        }
        checkTrainLosses();
        return List.copyOf(results);
    }

    /**
     * The codec is fed the golden stage-0 output rather than ours: an element within float rounding of a
     * bin edge would otherwise flip a code, which says nothing about the codec itself.
     */
    private void checkQ8(final int rows)
    {
        final float[] stage0Out = golden.expectedFloats("stage0.out");
        if (stage0Out == null)
        {
            compare("q8.codes", new float[0], FORWARD_TOL, false);
            return;
        }
        final int width = stage0Out.length / rows;
        final byte[] codes = new byte[rows * width];
        final float[] lo = new float[rows], scale = new float[rows];
        be.quantizeQ8(be.fromArray(stage0Out, rows, width), codes, lo, scale);
        final float[] codeValues = new float[codes.length];
        for (int i = 0; i < codes.length; i++)
        {
            codeValues[i] = codes[i] & 0xFF;
        }
        final Tensor deq = be.allocate(rows, width);
        be.dequantizeQ8(codes, lo, scale, deq);
        compare("q8.codes", codeValues, FORWARD_TOL, false);
        compare("q8.lo", lo, FORWARD_TOL, false);
        compare("q8.scale", scale, FORWARD_TOL, false);
        compare("q8.dequant", read(deq), FORWARD_TOL, false);
    }

    /** Ten AdamW steps on the golden batch from the initial weights; loss i is measured before step i+1. */
    private void checkTrainLosses()
    {
        final float[] expected = golden.expectedFloats("train_losses");
        if (expected == null)
        {
            compare("train_losses", new float[0], TRAIN_LOSS_ABS_TOL, true);
            return;
        }
        final Pipeline pipe = newPipeline();
        final List<AdamW> optimizers = optimizers(pipe);
        for (int i = 0; i < expected.length; i++)
        {
            final double loss = pipe.forwardBackward(golden.tokens(), golden.targets(), golden.batch(), golden.seqLen());
            for (final AdamW opt : optimizers)
            {
                opt.step(golden.adamw(), 0);
            }
            compare("train_losses[" + i + "]", new float[]{(float)loss}, new float[]{expected[i]}, TRAIN_LOSS_ABS_TOL, true);
        }
    }

    private List<AdamW> optimizers(final Pipeline pipe)
    {
        final List<AdamW> out = new ArrayList<>();
        for (final Parameters group : pipe.parameterGroups())
        {
            out.add(new AdamW(be, group));
        }
        return out;
    }

    private Pipeline newPipeline()
    {
        final Pipeline pipe = new Pipeline(be, golden.config());
        final Map<String, float[]> values = golden.weightValues();
        pipe.load(values, golden.weightShapes(), "weights.safetensors");
        final long expectedCount = pipe.parameterCount();
        final long fileCount = values.values().stream().mapToLong(v -> v.length).sum();
        if (values.size() != pipe.parameterGroups().stream().mapToInt(p -> p.all().size()).sum() ||
            fileCount != expectedCount)
        {
            throw new IllegalArgumentException("weights.safetensors: holds tensors the config does not define");
        }
        return pipe;
    }

    private void compare(final String name, final float[] actual, final double tol, final boolean absolute)
    {
        final float[] expected = golden.expectedFloats(name);
        if (expected == null)
        {
            results.add(new Comparison(name + " (missing in expected.safetensors)", Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY, tol, absolute));
            return;
        }
        compare(name, actual, expected, tol, absolute);
    }

    private void compare(final String name, final float[] actual, final float[] expected, final double tol,
        final boolean absolute)
    {
        results.add(Comparison.of(name, actual, expected, tol, absolute));
    }

    private float[] read(final Tensor t)
    {
        final float[] out = new float[t.size()];
        be.read(t, out);
        return out;
    }
}
