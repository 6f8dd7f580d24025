package io.iotaj.tools;

import io.iotaj.bench.allreduce.AllReduceComparison;
import io.iotaj.codecs.json.Json;
import io.iotaj.transport.allreduce.AllReduceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code iotaj bench allreduce}: pairwise butterfly against the ring baseline, bytes and wall time. */
@Command(
    name = "allreduce",
    mixinStandardHelpOptions = true,
    description = "Merges N in-process peers with the pairwise butterfly and with a ring all-reduce over the same " +
        "links; prints bytes sent and received per peer over the vector size (frame headers included) beside " +
        "the closed-form formula, and the median wall time of a merge.")
public final class BenchAllreduceCommand implements Runnable
{
    @Option(names = "--peers", split = ",", defaultValue = "2,4,8,16", description = "Peer counts (default: ${DEFAULT-VALUE}).")
    List<Integer> peers;

    @Option(names = "--elements", defaultValue = "262144", description = "float32 elements per vector (default: ${DEFAULT-VALUE}).")
    int elements;

    @Option(names = "--iterations", defaultValue = "100", description = "Measured merges per configuration; the median is reported (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--warmup", defaultValue = "30",
        description = "Unmeasured merges of each algorithm first, at every peer count, so that both are measured JIT-compiled " +
            "(the butterfly's SIMD kernels take a few dozen merges to compile) (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--latency-us", defaultValue = "0", description = "Emulated one-way link latency in microseconds (default: ${DEFAULT-VALUE}).")
    long latencyUs;

    @Option(names = "--transport", defaultValue = "rings",
        description = "Links: rings (Agrona ring buffers, in process) or aeron-ipc (embedded media driver) (default: ${DEFAULT-VALUE}).")
    String transportName;

    @Option(names = "--threads", description = "Agent threads (default: available processors).")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON object on one line.")
    boolean json;

    @Mixin
    VerboseOption verbose;

    @Override
    public void run()
    {
        if (latencyUs < 0)
        {
            throw new IllegalArgumentException("--latency-us must be >= 0: " + latencyUs);
        }
        final AllReduceComparison.Transport transport = switch (transportName)
        {
            case "rings" -> AllReduceComparison.Transport.RINGS;
            case "aeron-ipc" -> AllReduceComparison.Transport.AERON_IPC;
            default -> throw new IllegalArgumentException("--transport must be rings or aeron-ipc: " + transportName);
        };
        if (latencyUs > 0 && transport != AllReduceComparison.Transport.RINGS)
        {
            throw new IllegalArgumentException("--latency-us is emulated on rings links only");
        }
        final AllReduceConfig config = AllReduceConfig.fromSystemProperties().withLinkLatency(latencyUs, TimeUnit.MICROSECONDS);
        final int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        final AllReduceComparison.Result result = new AllReduceComparison(elements, warmup, iterations, threadCount, config, transport)
            .run(peers.stream().mapToInt(Integer::intValue).toArray());
        if (json)
        {
            System.out.println(Json.write(result));
            return;
        }
        System.out.printf("all-reduce of %d float32 elements (%.2f MiB) over %s, link latency %d us, %d threads, median of %d merges%n",
            elements, elements * 4.0 / (1 << 20), transportName, latencyUs, threadCount, iterations);
        System.out.printf("%-9s %5s %10s %10s %10s %9s %10s%n", "algorithm", "peers", "sent/size", "recv/size", "formula", "vs formula", "wall ms");
        for (int i = 0; i < result.butterfly().size(); i++)
        {
            print(result.butterfly().get(i));
            print(result.ring().get(i));
        }
        final double ratio = result.timeRatio(8);
        if (!Double.isNaN(ratio))
        {
            System.out.printf("butterfly / ring wall time at N=8: %.2f%n", ratio);
        }
    }

    private static void print(final AllReduceComparison.Row row)
    {
        System.out.printf("%-9s %5d %10.4f %10.4f %10.4f %+8.2f%% %10.2f%n",
            row.algorithm().name().toLowerCase(), row.peers(), row.sentOverSize(), row.receivedOverSize(),
            row.formulaSent(), 100 * row.deviationFromFormula(), row.wallMs());
    }
}
