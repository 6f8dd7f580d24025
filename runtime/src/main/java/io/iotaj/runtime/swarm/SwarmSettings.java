package io.iotaj.runtime.swarm;

import io.iotaj.kernels.AdamWConfig;
import io.iotaj.transport.allreduce.ChunkFraming;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.train.LrSchedule;

/**
 * Everything a swarm run shares: the model and its split, the data (by seed), optimisation, merge
 * policy and timeouts. With one replica per stage the swarm runs in lockstep (one micro-batch at a time through
 * the pipeline, each miner taking its optimizer step right after its backward pass, as a merge with no peers
 * would), which reproduces {@code train}.
 */
public record SwarmSettings(
    ModelConfig model, int stages, int replicas, int steps, int batch, int seq, long seed, Compression compression,
    int minerSlots, AdamWConfig adamw, LrSchedule schedule, double clipNorm, int backwardsToMerge, double mergeShare,
    long heartbeatTimeoutMs, long sampleTimeoutMs, long mergeTimeoutMs, long runId, Validation validation)
{
    public static final int VALIDATOR_ID = 10_000;

    public SwarmSettings
    {
        if (stages < 1 || stages > model.stageCount())
        {
            throw new IllegalArgumentException("--stages " + stages + ": the model has " + model.stageCount() +
                " architectural stages, so choose 1.." + model.stageCount());
        }
        if ((long)stages * replicas >= VALIDATOR_ID)
        {
            throw new IllegalArgumentException("at most " + (VALIDATOR_ID - 1) + " miners (stages x replicas)");
        }
        if (replicas > ChunkFraming.MAX_PEERS)
        {
            throw new IllegalArgumentException("--replicas " + replicas + ": the butterfly merges at most " +
                ChunkFraming.MAX_PEERS + " replicas of a stage");
        }
        if (replicas < 1 || steps < 1 || batch < 1 || seq < 1 || minerSlots < 1)
        {
            throw new IllegalArgumentException("replicas, steps, batch, seq and slots must be positive");
        }
        if (compression == Compression.NONE ? model.hasBottleneck() : !model.hasBottleneck())
        {
            throw new IllegalArgumentException("compression " + compression + " does not match the model's bottleneck " +
                model.bottleneckDim());
        }
    }

    /**
     * The validator's participant id, fixed so that a validator in another process can join before it knows the
     * run's size; miners take 1..N below it.
     */
    public int validatorId()
    {
        return VALIDATOR_ID;
    }

    public boolean lockstep()
    {
        return replicas == 1;
    }

    public int miners()
    {
        return stages * replicas;
    }

    /** The first architectural stage of execution stage s. */
    public int firstArch(final int s)
    {
        return s * model.stageCount() / stages;
    }

    public int endArch(final int s)
    {
        return (s + 1) * model.stageCount() / stages;
    }

    /** Samples in flight across the swarm at once: in lockstep the running one and the next, held at the head. */
    public int inFlightCap()
    {
        return lockstep() ? 2 : replicas * minerSlots;
    }

    /** Samples a miner holds at once: in lockstep one, so that every forward sees the previous sample's step. */
    public int slotsPerMiner()
    {
        return lockstep() ? 1 : minerSlots;
    }

    /** Samples the orchestrator may have outstanding at one head miner. */
    public int headQueueCap()
    {
        return lockstep() ? 2 : minerSlots;
    }

    public int effectiveBackwardsToMerge()
    {
        return lockstep() ? 1 : backwardsToMerge;
    }

    public double effectiveMergeShare()
    {
        return lockstep() ? 1.0 : mergeShare;
    }

    public ActivationCodec.Kind wireKind()
    {
        switch (compression)
        {
            case BOTTLENECK_Q8: return ActivationCodec.Kind.I8;
            case BOTTLENECK_Q8C: return ActivationCodec.Kind.I8_COLUMNS;
            default: return ActivationCodec.Kind.F32;
        }
    }
}
