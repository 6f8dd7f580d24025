package io.iotaj.bench.wire;

import io.iotaj.transport.Channels;
import io.iotaj.transport.MediaDriverHost;
import io.iotaj.transport.TransportConfiguration;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code iotaj bench transport}: round-trip latency and one-way throughput for each frame size over Aeron IPC,
 * Aeron UDP on loopback (64 KiB MTU, 2 MiB socket buffers and receiver window) and a plain NIO TCP socket
 * pair, all in one process run so the ratios between them are fair. Every cell runs for a fixed time, so
 * the whole run is bounded: 12 cells x (round trips + throughput), plus a short warm-up per transport.
 */
public final class TransportBench
{
    public static final int[] FRAME_SIZES = { 32, 4 * 1024, 128 * 1024, 1024 * 1024 };
    static final int MAX_FRAME_BYTES = 1024 * 1024;
    static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(10);
    private static final int ROUNDS = 5;
    private static final long WARMUP_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private TransportBench()
    {
    }

    /**
     * @param roundTripNs  time per cell spent on round trips (the first fifth is warm-up, not recorded).
     * @param throughputNs time per cell spent streaming one way.
     * @param idle         how the Aeron threads and the driver wait.
     * @param invokedDriver whether the drivers run on the benchmark's threads (Aeron's invoker mode), the UDP
     *                     link's two ends with a driver each, rather than one shared driver on its own thread.
     * @param progress     receives one line per finished cell.
     */
    public static List<TransportResult> run(
        final long roundTripNs,
        final long throughputNs,
        final BenchIdle idle,
        final boolean invokedDriver,
        final Consumer<String> progress) throws Exception
    {
        final List<TransportResult> results = new ArrayList<>();
        final String dir = TransportConfiguration.embeddedDir() + "-bench";
        final MediaDriverHost host = invokedDriver ? MediaDriverHost.invoked(dir) : MediaDriverHost.embedded(dir, idle.create());
        MediaDriverHost farHost = host;
        NioTcpBenchLink tcp = null;
        try
        {
            // Two hosts on a network have a driver each; with threads of their own, two would only crowd two cores.
            farHost = invokedDriver ? MediaDriverHost.invoked(dir + "-far") : host;
            tcp = new NioTcpBenchLink();
            final int mtu = TransportConfiguration.MTU_LOOPBACK;
            for (final int frameBytes : FRAME_SIZES)
            {
                final int termLength = termLength(frameBytes, mtu);
                try (AeronBenchLink ipc = new AeronBenchLink("aeron-ipc", host.aeron(), host.aeron(),
                        Channels.ipc(mtu, termLength), Channels.ipc(mtu, termLength), idle::create, host::invokeDriver, () -> 0);
                    AeronBenchLink udp = new AeronBenchLink("aeron-udp", host.aeron(), farHost.aeron(),
                        Channels.udp("127.0.0.1", freeUdpPort(), mtu, termLength),
                        Channels.udp("127.0.0.1", freeUdpPort(), mtu, termLength),
                        idle::create, host::invokeDriver, farHost == host ? () -> 0 : farHost::invokeDriver))
                {
                    final List<BenchLink> links = List.of(ipc, udp, tcp);
                    for (final BenchLink link : links)
                    {
                        link.roundTrips(frameBytes, WARMUP_NS, WARMUP_NS);
                        link.throughput(frameBytes, WARMUP_NS);
                    }
                    measureSize(links, frameBytes, roundTripNs, throughputNs, results, progress);
                }
            }
        }
        finally
        {
            CloseHelper.quietClose(tcp);
            if (farHost != host)
            {
                farHost.close();
            }
            host.close();
        }
        return results;
    }

    /**
     * The transports take turns, {@link #ROUNDS} short rounds each, so a burst of load from other processes
     * on a shared machine lands on all of them rather than on whichever ran at that moment. Round trips from
     * all rounds are merged; throughput is the median round.
     */
    private static void measureSize(
        final List<BenchLink> links,
        final int frameBytes,
        final long roundTripNs,
        final long throughputNs,
        final List<TransportResult> results,
        final Consumer<String> progress) throws Exception
    {
        final Histogram[] rtt = new Histogram[links.size()];
        final double[][] mbPerSecond = new double[links.size()][ROUNDS];
        for (int round = 0; round < ROUNDS; round++)
        {
            for (int i = 0; i < links.size(); i++)
            {
                final BenchLink link = links.get(i);
                final Histogram roundTrips = link.roundTrips(frameBytes, roundTripNs / ROUNDS / 5, roundTripNs / ROUNDS);
                if (rtt[i] == null)
                {
                    rtt[i] = roundTrips;
                }
                else
                {
                    rtt[i].add(roundTrips);
                }
                mbPerSecond[i][round] = link.throughput(frameBytes, throughputNs / ROUNDS);
            }
        }
        for (int i = 0; i < links.size(); i++)
        {
            Arrays.sort(mbPerSecond[i]);
            final double median = mbPerSecond[i][ROUNDS / 2];
            final TransportResult result = new TransportResult(links.get(i).name(), frameBytes, median,
                micros(rtt[i], 50.0), micros(rtt[i], 99.0), micros(rtt[i], 99.9));
            results.add(result);
            progress.accept(String.format("%-9s %8d B  %9.1f MB/s (rounds %s)  rtt p50 %8.1f us  p99 %8.1f us  " +
                "p99.9 %8.1f us  (%d round trips)", result.transport(), frameBytes, median,
                Arrays.toString(Arrays.stream(mbPerSecond[i]).mapToLong(Math::round).toArray()),
                result.rttP50Us(), result.rttP99Us(), result.rttP999Us(), rtt[i].getTotalCount()));
        }
    }

    /**
     * The term length for a frame size: the smallest Aeron allows (frames and the MTU may be an eighth of
     * the term), so that a stream of equal frames cycles through as little log buffer as it can and the
     * copies in and out of it stay in cache. With the default 16 MiB terms a 128 KiB stream writes through
     * 48 MiB of log, so its copies go to memory rather than cache.
     */
    static int termLength(final int frameBytes, final int mtu)
    {
        return Integer.highestOneBit(8 * Math.max(frameBytes, mtu) - 1) << 1;
    }

    static Histogram newHistogram()
    {
        return new Histogram(HIGHEST_NS, 3);
    }

    static double megabytesPerSecond(final long bytes, final long nanos)
    {
        return nanos <= 0 ? 0.0 : bytes * 1e3 / nanos;
    }

    private static double micros(final Histogram histogram, final double percentile)
    {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1e3;
    }

    private static int freeUdpPort() throws java.net.SocketException
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
