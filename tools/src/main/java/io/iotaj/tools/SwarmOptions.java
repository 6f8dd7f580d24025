package io.iotaj.tools;

import io.iotaj.runtime.data.DataSpec;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.swarm.Compression;
import io.iotaj.runtime.swarm.RunPlan;
import io.iotaj.runtime.swarm.SwarmSettings;
import io.iotaj.runtime.swarm.Validation;
import io.iotaj.runtime.train.TrainSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** The options that define a swarm run, shared by {@code demo} and {@code orchestrator}. */
public final class SwarmOptions
{
    /**
     * A merge's limit: a healthy one takes milliseconds; one that lost a replica mid-round finishes without it
     * at the butterfly's three stage deadlines, a third of this each.
     */
    private static final long MERGE_TIMEOUT_MS = 15_000;

    @Option(names = "--stages", defaultValue = "2", description = "Pipeline stages (default: ${DEFAULT-VALUE}).")
    int stages;

    @Option(names = "--replicas", defaultValue = "2", description = "Miners per stage (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--steps", defaultValue = "40", description = "Optimizer steps = merge rounds (default: ${DEFAULT-VALUE}).")
    int steps;

    @Mixin
    OptimOptions optim;

    @Option(names = "--compression", defaultValue = "bottleneck-q8c",
        description = "none (full-width float32 boundaries), bottleneck (b-wide float32), bottleneck-q8 (b-wide, " +
            "reference int8 codec, per-row scales) or bottleneck-q8c (b-wide int8, per-channel scales) " +
            "(default: ${DEFAULT-VALUE}).")
    String compression;

    @Option(names = "--slots", defaultValue = "2", description = "Samples in flight per miner (default: ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--merge-every", defaultValue = "2",
        description = "Backward passes per miner before a merge, with replicas > 1 (default: ${DEFAULT-VALUE}).")
    int mergeEvery;

    @Option(names = "--heartbeat-timeout", defaultValue = "20",
        description = "Seconds of silence before a miner is evicted (default: ${DEFAULT-VALUE}).")
    double heartbeatTimeoutSeconds;

    @Option(names = "--validate", defaultValue = "0.25",
        description = "Share of completed samples the validator re-checks, 0 for no validator (default: ${DEFAULT-VALUE}).")
    double validate;

    @Option(names = "--data", description = "Train on this UTF-8 text file instead of the embedded corpus.")
    Path data;

    @Option(names = "--eval-batches", defaultValue = "8", description = "Held-out batches to evaluate (default: ${DEFAULT-VALUE}).")
    int evalBatches;

    @Option(names = "--timeout", defaultValue = "1800", description = "Give up after this many seconds (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    public SwarmSettings settings()
    {
        final Compression mode = Compression.parse(compression);
        final ModelConfig model = mode == Compression.NONE ? TrainSettings.defaultModel().withBottleneck(0) :
            TrainSettings.defaultModel();
        if (!(heartbeatTimeoutSeconds > 0))
        {
            throw new IllegalArgumentException("--heartbeat-timeout must be positive");
        }
        return new SwarmSettings(model, stages, replicas, steps, optim.batch, optim.seq, optim.seed, mode, slots,
            optim.adamw(), optim.schedule(steps), optim.clip,
            mergeEvery, 0.75, (long)(heartbeatTimeoutSeconds * 1000), 120_000, MERGE_TIMEOUT_MS, optim.seed,
            Validation.iota(validate));
    }

    public RunPlan plan() throws IOException
    {
        return new RunPlan(settings(), data == null ? DataSpec.GENERATED : DataSpec.text(data));
    }

    public String describe()
    {
        return String.format("%d stages x %d replicas, compression %s, %s", stages, replicas, compression,
            replicas == 1 ? "lockstep (one micro-batch per step, like train)" : "merge every " + mergeEvery + " backwards");
    }
}
