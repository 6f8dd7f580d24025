package io.iotaj.runtime.train;

import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.model.Parameters;
import io.iotaj.runtime.model.Stage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * K execution stages run back to back in one process, each a contiguous group of the architecture's
 * stages. Each boundary activation and gradient is copied into the next stage's own tensor, so a stage
 * sees only what a miner would receive over the wire.
 */
public final class Pipeline
{
    private final Backend be;
    private final ModelConfig config;
    private final List<Stage> stages = new ArrayList<>();
    private final List<Tensor> boundary = new ArrayList<>();
    private final List<Tensor> boundaryGrad = new ArrayList<>();
    private int batch, seq;

    /** One execution stage per architectural stage. */
    public Pipeline(final Backend backend, final ModelConfig config)
    {
        this(backend, config, config.stageCount());
    }

    /** The architecture's stages grouped evenly into {@code executionStages} stages. */
    public Pipeline(final Backend backend, final ModelConfig config, final int executionStages)
    {
        final int arch = config.stageCount();
        if (executionStages < 1 || executionStages > arch)
        {
            throw new IllegalArgumentException("--stages " + executionStages + ": the model has " + arch +
                " architectural stages, so choose 1.." + arch);
        }
        this.be = backend;
        this.config = config;
        for (int s = 0; s < executionStages; s++)
        {
            stages.add(new Stage(backend, config, s * arch / executionStages, (s + 1) * arch / executionStages));
        }
    }

    public List<Stage> stages()
    {
        return Collections.unmodifiableList(stages);
    }

    public ModelConfig config()
    {
        return config;
    }

    public void initialise(final long seed)
    {
        for (final Stage s : stages)
        {
            s.parameters().initialise(seed);
        }
    }

    /** Loads every stage from one name -> values map (a whole-model checkpoint). */
    public void load(final Map<String, float[]> values, final Map<String, int[]> shapes, final String where)
    {
        for (final Stage s : stages)
        {
            s.parameters().load(values, shapes, where);
        }
    }

    /** Forward through every stage; returns the logits. */
    public Tensor forward(final int[] tokens, final int batch, final int seq)
    {
        prepare(batch, seq);
        Tensor x = stages.get(0).forwardTokens(tokens, batch, seq);
        for (int s = 1; s < stages.size(); s++)
        {
            be.copy(x, boundary.get(s));
            x = stages.get(s).forward(boundary.get(s), batch, seq);
        }
        return x;
    }

    /** Forward, loss and backward (gradients accumulate); returns the mean loss. */
    public double forwardBackward(final int[] tokens, final int[] targets, final int batch, final int seq)
    {
        forward(tokens, batch, seq);
        final double loss = last().loss(targets);
        Tensor g = last().backwardFromLoss();
        for (int s = stages.size() - 2; s >= 0; s--)
        {
            be.copy(g, boundaryGrad.get(s));
            g = stages.get(s).backward(boundaryGrad.get(s));
        }
        return loss;
    }

    /** Loss of a forward pass only (no gradients kept). */
    public double evaluate(final int[] tokens, final int[] targets, final int batch, final int seq)
    {
        forward(tokens, batch, seq);
        return last().loss(targets);
    }

    public Stage last()
    {
        return stages.get(stages.size() - 1);
    }

    public long parameterCount()
    {
        long n = 0;
        for (final Stage s : stages)
        {
            n += s.parameters().totalSize();
        }
        return n;
    }

    /** Parameter groups of every stage, one per architectural stage, in order. */
    public List<Parameters> parameterGroups()
    {
        final List<Parameters> out = new ArrayList<>();
        for (final Stage s : stages)
        {
            out.addAll(s.parameterGroups());
        }
        return out;
    }

    private void prepare(final int batch, final int seq)
    {
        if (batch == this.batch && seq == this.seq)
        {
            return;
        }
        this.batch = batch;
        this.seq = seq;
        boundary.clear();
        boundaryGrad.clear();
        for (int s = 0; s < stages.size(); s++)
        {
            boundary.add(s == 0 ? null : be.allocate(batch * seq, config.boundaryWidth()));
            boundaryGrad.add(s == stages.size() - 1 ? null : be.allocate(batch * seq, config.boundaryWidth()));
        }
    }
}
