package io.iotaj.tools;

import io.iotaj.bench.swarm.SwarmBench;
import io.iotaj.codecs.json.Json;
import io.iotaj.kernels.Backend;
import io.iotaj.runtime.swarm.Compression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code iotaj bench swarm [--json]}: tokens/s of a one-replica swarm against {@code train} on the same model
 * and steps, measured in one run, and the swarm's wire bytes per token per boundary.
 */
@Command(name = "swarm", mixinStandardHelpOptions = true,
    description = "Price of distribution: a 1-replica swarm's tokens/s against train's, and wire bytes per token.")
public final class BenchSwarmCommand implements Callable<Integer>
{
    @Option(names = "--stages", defaultValue = "4", description = "Pipeline stages, one miner each (default: ${DEFAULT-VALUE}).")
    private int stages;

    @Option(names = "--steps", defaultValue = "30", description = "Optimizer steps per measurement (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--rounds", defaultValue = "2",
        description = "Alternating train/swarm measurements; each side's best counts (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--compression", defaultValue = "bottleneck-q8c",
        description = "none, bottleneck, bottleneck-q8 or bottleneck-q8c (default: ${DEFAULT-VALUE}).")
    private String compression;

    @Option(names = "--json", description = "Print one JSON object on one line instead of a table.")
    private boolean json;

    @Mixin
    BackendOption backendOption;

    @Override
    public Integer call()
    {
        if (steps < 1 || rounds < 1 || stages < 1)
        {
            throw new IllegalArgumentException("--stages, --steps and --rounds must be positive");
        }
        final SwarmBench.Settings standard = SwarmBench.Settings.standard();
        final SwarmBench.Settings settings = new SwarmBench.Settings(stages, steps, standard.batch(), standard.seq(),
            standard.seed(), Compression.parse(compression), rounds);
        try (Backend backend = backendOption.create())
        {
            final SwarmBench.Report report = new SwarmBench(settings, backend, json ? line -> { } : System.err::println)
                .run();
            System.out.print(json ? Json.write(report) + System.lineSeparator() : report.table());
        }
        return 0;
    }
}
