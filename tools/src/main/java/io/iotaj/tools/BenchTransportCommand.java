package io.iotaj.tools;

import io.iotaj.bench.wire.BenchIdle;
import io.iotaj.bench.wire.TransportBench;
import io.iotaj.bench.wire.TransportResult;
import io.iotaj.codecs.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code iotaj bench transport}: round trips and throughput over Aeron IPC, Aeron UDP and NIO TCP for 32 B,
 * 4 KiB, 128 KiB and 1 MiB frames, with each Aeron figure's ratio to NIO TCP in the table.
 */
@Command(name = "transport", mixinStandardHelpOptions = true,
    description = "Round-trip latency and throughput: Aeron IPC, Aeron UDP (loopback) and NIO TCP (baseline).")
public final class BenchTransportCommand implements Callable<Integer>
{
    @Option(names = "--json", description = "Print one JSON object on one line.")
    private boolean json;

    @Option(names = "--rtt-ms", defaultValue = "1200", paramLabel = "MS", description = "Round-trip time per cell (default ${DEFAULT-VALUE}).")
    private long rttMs;

    @Option(names = "--throughput-ms", defaultValue = "1000", paramLabel = "MS",
        description = "Streaming time per cell (default ${DEFAULT-VALUE}).")
    private long throughputMs;

    @Option(names = "--idle", defaultValue = "YIELD", paramLabel = "HOW",
        description = "How Aeron threads wait: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    private BenchIdle idle;

    @Option(names = "--invoked-driver",
        description = "Run each media driver on the threads that use it, and give the UDP link's far end a driver of " +
            "its own, as a second host would have (default: one shared driver on its own thread).")
    private boolean invokedDriver;

    @Mixin
    private VerboseOption verbose;

    @Override
    public Integer call() throws Exception
    {
        if (rttMs <= 0 || throughputMs <= 0)
        {
            throw new IllegalArgumentException("--rtt-ms and --throughput-ms must be positive");
        }
        final List<TransportResult> results = TransportBench.run(TimeUnit.MILLISECONDS.toNanos(rttMs),
            TimeUnit.MILLISECONDS.toNanos(throughputMs), idle, invokedDriver, System.err::println);
        if (json)
        {
            final List<Object> rows = new ArrayList<>();
            results.forEach(result -> rows.add(result.toJson()));
            final Map<String, Object> root = new LinkedHashMap<>();
            root.put("results", rows);
            System.out.println(Json.write(root));
        }
        else
        {
            printTable(results);
        }
        return 0;
    }

    private static void printTable(final List<TransportResult> results)
    {
        System.out.printf("%-10s %9s %10s %8s %11s %11s %11s %9s%n", "transport", "frame B", "MB/s", "x nio",
            "p50 us", "p99 us", "p99.9 us", "p99 x nio");
        for (final TransportResult result : results)
        {
            final TransportResult nio = results.stream()
                .filter(r -> r.transport().equals("nio-tcp") && r.frameBytes() == result.frameBytes())
                .findFirst().orElse(result);
            System.out.printf("%-10s %9d %10.1f %8.2f %11.1f %11.1f %11.1f %9.2f%n", result.transport(),
                result.frameBytes(), result.mbPerSecond(), result.mbPerSecond() / nio.mbPerSecond(),
                result.rttP50Us(), result.rttP99Us(), result.rttP999Us(), result.rttP99Us() / nio.rttP99Us());
        }
    }
}
