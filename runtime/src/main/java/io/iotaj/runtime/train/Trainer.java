package io.iotaj.runtime.train;

import io.iotaj.kernels.Backend;
import io.iotaj.runtime.data.TokenSource;
import io.iotaj.runtime.model.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * Single-process training: the same stage objects a miner uses, run back to back. Step s trains on
 * samples (s-1)*batch .. s*batch-1 of the training split; evaluation uses fixed held-out samples.
 */
public final class Trainer
{
    /** Called after every step. */
    @FunctionalInterface
    public interface StepListener
    {
        void onStep(int step, double loss, double lr, double tokensPerSecond);
    }

    /** What a run produced. */
    public record Result(int steps, double[] losses, double evalLoss, double tokensPerSecond, double seconds)
    {
    }

    private final Pipeline pipeline;
    private final TokenSource data;
    private final TrainSettings s;
    private final List<AdamW> optimizers = new ArrayList<>();
    private final int[] tokens, targets;

    public Trainer(final Backend backend, final Pipeline pipeline, final TokenSource data, final TrainSettings settings)
    {
        this.pipeline = pipeline;
        this.data = data;
        this.s = settings;
        for (final Parameters group : pipeline.parameterGroups())
        {
            optimizers.add(new AdamW(backend, group));
        }
        tokens = new int[s.batch() * s.seqLen()];
        targets = new int[s.batch() * s.seqLen()];
    }

    public Result run(final StepListener listener)
    {
        final double[] losses = new double[s.steps()];
        final long start = System.nanoTime();
        for (int step = 1; step <= s.steps(); step++)
        {
            data.batch(s.seed(), TokenSource.Split.TRAIN, (long)(step - 1) * s.batch(), s.batch(), s.seqLen(), tokens,
                targets);
            final double loss = pipeline.forwardBackward(tokens, targets, s.batch(), s.seqLen());
            final double lr = s.schedule().at(step);
            for (final AdamW opt : optimizers)
            {
                opt.step(s.adamw().withLr((float)lr), s.clipNorm());
            }
            losses[step - 1] = loss;
            final double elapsed = (System.nanoTime() - start) / 1e9;
            listener.onStep(step, loss, lr, (double)step * tokens.length / elapsed);
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(s.steps(), losses, evaluate(), (double)s.steps() * tokens.length / seconds, seconds);
    }

    /** Mean loss over the fixed held-out batches (NaN when there are none). */
    public double evaluate()
    {
        double sum = 0;
        for (int i = 0; i < s.evalBatches(); i++)
        {
            data.batch(s.seed(), TokenSource.Split.EVAL, (long)i * s.batch(), s.batch(), s.seqLen(), tokens, targets);
            sum += pipeline.evaluate(tokens, targets, s.batch(), s.seqLen());
        }
        return s.evalBatches() == 0 ? Double.NaN : sum / s.evalBatches();
    }
}
