package io.iotaj.tools;

import io.iotaj.kernels.AdamWConfig;
import io.iotaj.runtime.data.DataSpec;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.swarm.Compression;
import io.iotaj.runtime.swarm.RunPlan;
import io.iotaj.runtime.swarm.SwarmSettings;
import io.iotaj.runtime.swarm.Validation;
import io.iotaj.runtime.train.LrSchedule;
import io.iotaj.runtime.train.TrainSettings;
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

    @Option(names = "--seed", defaultValue = "1", description = "Run seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch", defaultValue = "16", description = "Sequences per micro-batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seq", defaultValue = "64", description = "Tokens per sequence (default: ${DEFAULT-VALUE}).")
    int seq;

    @Option(names = "--lr", defaultValue = "3e-3", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--warmup", defaultValue = "20", description = "Warm-up steps (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--clip", defaultValue = "1.0", description = "Gradient-norm clip per architectural stage (default: ${DEFAULT-VALUE}).")
    double clip;

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
        return new SwarmSettings(model, stages, replicas, steps, batch, seq, seed, mode, slots,
            new AdamWConfig((float)lr, 0.9f, 0.95f, 1e-8f, 0.1f), new LrSchedule(lr, warmup, steps, 0.1), clip,
            mergeEvery, 0.75, (long)(heartbeatTimeoutSeconds * 1000), 120_000, MERGE_TIMEOUT_MS, seed,
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
