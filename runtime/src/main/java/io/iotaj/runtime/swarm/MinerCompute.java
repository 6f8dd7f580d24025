package io.iotaj.runtime.swarm;

import io.iotaj.kernels.AdamWConfig;
import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;
import io.iotaj.runtime.data.TokenSource;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.model.Parameters;
import io.iotaj.runtime.model.Stage;
import io.iotaj.runtime.train.AdamW;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A miner's compute, free of any transport: one stage with a bounded number of in-flight samples (each
 * in its own activation slot), forward and backward per sample, gradient accumulation, and the optimizer
 * step taken per architectural stage. A sample is named by its wire id (see {@link SampleIds}); its data is
 * micro-batch m = wire id / 256, sequences m*batch .. m*batch + batch - 1 of the run's data, so any miner
 * (and any validator) rebuilds its tokens from the id alone.
 */
public final class MinerCompute
{
    private final Backend be;
    private final Stage stage;
    private final TokenSource data;
    private final long seed;
    private final int batch, seq, rows;
    private final long[] slotSample;
    private final long[] slotSinceNs;
    private final Tensor[] slotInput;
    private final List<AdamW> optimizers = new ArrayList<>();
    private final int[] tokens, targets;
    private int backwardsSinceStep;
    private long backwardsTotal;
    private Tensor lastGradIn;

    public MinerCompute(final Backend backend, final ModelConfig config, final int firstArch, final int endArch,
        final int inFlight, final TokenSource data, final long seed, final int batch, final int seq)
    {
        this.be = backend;
        this.stage = new Stage(backend, config, firstArch, endArch, inFlight);
        this.data = data;
        this.seed = seed;
        this.batch = batch;
        this.seq = seq;
        this.rows = batch * seq;
        this.slotSample = new long[inFlight];
        this.slotSinceNs = new long[inFlight];
        this.slotInput = new Tensor[inFlight];
        Arrays.fill(slotSample, -1);
        for (int i = 0; i < inFlight; i++)
        {
            slotInput[i] = stage.isFirst() ? null : backend.allocate(rows, config.boundaryWidth());
        }
        for (final Parameters group : stage.parameterGroups())
        {
            optimizers.add(new AdamW(backend, group));
        }
        tokens = new int[rows];
        targets = new int[rows];
    }

    public Stage stage()
    {
        return stage;
    }

    public int rows()
    {
        return rows;
    }

    /** Samples whose forward is done and backward pending. */
    public int inFlight()
    {
        int n = 0;
        for (final long s : slotSample)
        {
            n += s >= 0 ? 1 : 0;
        }
        return n;
    }

    public boolean hasFreeSlot()
    {
        return freeSlot() >= 0;
    }

    public boolean holds(final long sampleId)
    {
        return slotOf(sampleId) >= 0;
    }

    /** Head stage: embeds and runs the sample; returns the boundary activation (valid until the next forward). */
    public Tensor forwardHead(final long sampleId)
    {
        final int slot = claim(sampleId);
        data.batch(seed, TokenSource.Split.TRAIN, SampleIds.microBatch(sampleId) * batch, batch, seq, tokens, targets);
        return stage.forwardTokens(slot, tokens, batch, seq);
    }

    /**
     * Body or tail stage: runs the sample from its boundary input, which is copied into the slot (the stage
     * reads it again in the backward pass). Returns the output: the next boundary activation, or logits.
     */
    public Tensor forward(final long sampleId, final Tensor input)
    {
        be.copy(input, inputBuffer(sampleId));
        return forwardClaimed(sampleId);
    }

    /** The slot's input tensor for a sample about to be forwarded, to decode a frame straight into. */
    public Tensor inputBuffer(final long sampleId)
    {
        final int slot = claim(sampleId);
        return slotInput[slot];
    }

    /** The boundary input held for an in-flight sample, or null (head stage, or not held here). */
    public Tensor inputOf(final long sampleId)
    {
        final int slot = slotOf(sampleId);
        return slot < 0 ? null : slotInput[slot];
    }

    /** Runs the forward of a sample whose input was decoded into {@link #inputBuffer}. */
    public Tensor forwardClaimed(final long sampleId)
    {
        final int slot = slotOf(sampleId);
        return stage.forward(slot, slotInput[slot], batch, seq);
    }

    /** Tail stage: the loss of a forwarded sample and its backward; the gradient for the previous stage is {@link #lastGradIn}. */
    public double lossAndBackward(final long sampleId)
    {
        final int slot = requireSlot(sampleId);
        data.batch(seed, TokenSource.Split.TRAIN, SampleIds.microBatch(sampleId) * batch, batch, seq, tokens, targets);
        final double loss = stage.loss(slot, targets);
        lastGradIn = stage.backwardFromLoss(slot);
        release(slot);
        return loss;
    }

    /** The gradient for the previous stage from the last backward (null on the head stage). */
    public Tensor lastGradIn()
    {
        return lastGradIn;
    }

    /** Non-tail stage: backward of a forwarded sample from the gradient of its output. */
    public Tensor backward(final long sampleId, final Tensor gradOut)
    {
        final int slot = requireSlot(sampleId);
        lastGradIn = stage.backward(slot, gradOut);
        release(slot);
        return lastGradIn;
    }

    /** Drops an in-flight sample without a backward (its attempt was re-issued or it timed out). */
    public boolean abandon(final long sampleId)
    {
        final int slot = slotOf(sampleId);
        if (slot < 0)
        {
            return false;
        }
        slotSample[slot] = -1;
        return true;
    }

    /** Abandons samples held since before {@code olderThanNs} (their gradient is not coming); returns how many. */
    public int abandonOlderThan(final long olderThanNs)
    {
        int n = 0;
        for (int i = 0; i < slotSample.length; i++)
        {
            if (slotSample[i] >= 0 && slotSinceNs[i] < olderThanNs)
            {
                slotSample[i] = -1;
                n++;
            }
        }
        return n;
    }

    public int backwardsSinceStep()
    {
        return backwardsSinceStep;
    }

    public long backwardsTotal()
    {
        return backwardsTotal;
    }

    /** One optimizer step per architectural stage on the accumulated gradients (averaged over backwards). */
    public void step(final AdamWConfig hp, final double clipNorm)
    {
        if (backwardsSinceStep == 0)
        {
            return;
        }
        if (backwardsSinceStep > 1)
        {
            final float s = 1f / backwardsSinceStep;
            for (final Parameters g : stage.parameterGroups())
            {
                g.all().forEach(p -> be.scale(p.grad(), s));
            }
        }
        for (final AdamW opt : optimizers)
        {
            opt.step(hp, clipNorm);
        }
        backwardsSinceStep = 0;
    }

    /** The optimizer of each architectural stage, in order (for merging moments). */
    public List<AdamW> optimizers()
    {
        return optimizers;
    }

    private int claim(final long sampleId)
    {
        if (holds(sampleId))
        {
            throw new IllegalStateException("sample " + sampleId + " is already in flight here");
        }
        final int slot = freeSlot();
        if (slot < 0)
        {
            throw new IllegalStateException("no free slot: " + slotSample.length + " samples already in flight");
        }
        slotSample[slot] = sampleId;
        slotSinceNs[slot] = System.nanoTime();
        return slot;
    }

    private int requireSlot(final long sampleId)
    {
        final int slot = slotOf(sampleId);
        if (slot < 0)
        {
            throw new IllegalArgumentException("sample " + sampleId + " was never forwarded here");
        }
        return slot;
    }

    private void release(final int slot)
    {
        slotSample[slot] = -1;
        backwardsSinceStep++;
        backwardsTotal++;
    }

    private int freeSlot()
    {
        for (int i = 0; i < slotSample.length; i++)
        {
            if (slotSample[i] < 0)
            {
                return i;
            }
        }
        return -1;
    }

    private int slotOf(final long sampleId)
    {
        for (int i = 0; i < slotSample.length; i++)
        {
            if (slotSample[i] == sampleId)
            {
                return i;
            }
        }
        return -1;
    }
}
