package io.iotaj.tools;

import io.iotaj.kernels.AdamWConfig;
import io.iotaj.runtime.train.LrSchedule;
import picocli.CommandLine.Option;

/** What a step is made of and how it is taken, shared by {@code train} and the swarm's commands. */
public final class OptimOptions
{
    @Option(names = "--seed", defaultValue = "1", description = "Run seed: weights and batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch", defaultValue = "16", description = "Sequences per step (per micro-batch in a swarm) (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seq", defaultValue = "64", description = "Tokens per sequence (default: ${DEFAULT-VALUE}).")
    int seq;

    @Option(names = "--lr", defaultValue = "3e-3", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--warmup", defaultValue = "20", description = "Warm-up steps (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--clip", defaultValue = "1.0",
        description = "Gradient-norm clip per architectural stage, 0 = off (default: ${DEFAULT-VALUE}).")
    double clip;

    /** AdamW at the peak rate, with the reference's betas, epsilon and weight decay. */
    AdamWConfig adamw()
    {
        return new AdamWConfig((float)lr, 0.9f, 0.95f, 1e-8f, 0.1f);
    }

    /** Linear warm-up, then cosine decay to a tenth of the peak over {@code steps}. */
    LrSchedule schedule(final int steps)
    {
        return new LrSchedule(lr, warmup, steps, 0.1);
    }
}
