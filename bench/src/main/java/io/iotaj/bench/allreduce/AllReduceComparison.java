package io.iotaj.bench.allreduce;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.iotaj.codecs.json.JsonWritable;
import io.iotaj.transport.allreduce.AeronChunkExchange;
import io.iotaj.transport.allreduce.AllReduceConfig;
import io.iotaj.transport.allreduce.Algorithm;
import io.iotaj.transport.allreduce.LocalAllReduce;
import io.iotaj.transport.allreduce.MergePeer;
import io.iotaj.transport.allreduce.Partition;
import io.iotaj.transport.allreduce.TrafficFormula;

import org.agrona.CloseHelper;
import org.agrona.concurrent.SystemNanoClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Whole-merge comparison of the pairwise butterfly against the ring baseline, both in one process
 * over the same links (in-process ring buffers, or Aeron IPC through an embedded media driver):
 * bytes per peer over the vector's size (measured at the exchange, frame headers included) beside
 * the closed-form formula, and the median wall time.
 */
public final class AllReduceComparison
{
    /** The links the peers talk over. */
    public enum Transport
    {
        /** One Agrona ring buffer per directed link, optionally with emulated latency. */
        RINGS,
        /** One Aeron IPC stream per directed link, through an embedded media driver. */
        AERON_IPC
    }

    private static final int AERON_TERM_LENGTH = 256 * 1024;

    /** One measured configuration. */
    public record Row(Algorithm algorithm, int peers, double sentOverSize, double receivedOverSize, double formulaSent, double wallMs)
        implements JsonWritable
    {
        /** Measured bytes sent over the formula's, minus one. */
        public double deviationFromFormula()
        {
            return sentOverSize / formulaSent - 1;
        }

        @Override
        public Object toJson()
        {
            final Map<String, Object> json = new LinkedHashMap<>();
            json.put("peers", peers);
            json.put("sent_per_peer_over_size", sentOverSize);
            json.put("received_per_peer_over_size", receivedOverSize);
            json.put("formula_sent", formulaSent);
            json.put("wall_ms", wallMs);
            return json;
        }
    }

    /** Both algorithms at every peer count, and the butterfly/ring wall-time ratio at N = 8. */
    public record Result(List<Row> butterfly, List<Row> ring) implements JsonWritable
    {
        /** Butterfly wall time over ring wall time at {@code peers}; NaN when that N was not run. */
        public double timeRatio(final int peers)
        {
            for (int i = 0; i < butterfly.size(); i++)
            {
                if (butterfly.get(i).peers() == peers)
                {
                    return butterfly.get(i).wallMs() / ring.get(i).wallMs();
                }
            }
            return Double.NaN;
        }

        @Override
        public Object toJson()
        {
            final Map<String, Object> json = new LinkedHashMap<>();
            json.put("butterfly", butterfly);
            json.put("ring", ring);
            json.put("time_ratio_vs_ring_n8", timeRatio(8));
            return json;
        }
    }

    private final int elements;
    private final int warmups;
    private final int iterations;
    private final int threads;
    private final AllReduceConfig config;
    private final Transport transport;
    private int nextStreamBase = 1000;

    public AllReduceComparison(
        final int elements,
        final int warmups,
        final int iterations,
        final int threads,
        final AllReduceConfig config,
        final Transport transport)
    {
        if (elements < 1)
        {
            throw new IllegalArgumentException("elements must be >= 1: " + elements);
        }
        if (warmups < 0 || iterations < 1)
        {
            throw new IllegalArgumentException("need warmups >= 0 and iterations >= 1: " + warmups + ", " + iterations);
        }
        if (threads < 1)
        {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        this.elements = elements;
        this.warmups = warmups;
        this.iterations = iterations;
        this.threads = threads;
        this.config = config;
        this.transport = transport;
    }

    public Result run(final int[] peerCounts)
    {
        for (final int peers : peerCounts)
        {
            if (peers < 2 || peers > 64)
            {
                throw new IllegalArgumentException("peers must be in 2..64: " + peers);
            }
        }
        MediaDriver driver = null;
        Aeron aeron = null;
        try
        {
            if (transport == Transport.AERON_IPC)
            {
                driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                    .aeronDirectoryName(Files.createTempDirectory("iotaj-allreduce-aeron").toString())
                    .threadingMode(ThreadingMode.SHARED)
                    .dirDeleteOnStart(true)
                    .dirDeleteOnShutdown(true)
                    .ipcTermBufferLength(AERON_TERM_LENGTH));
                aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            }
            final List<Row> butterfly = new ArrayList<>();
            final List<Row> ring = new ArrayList<>();
            for (final int peers : peerCounts)
            {
                final Row[] rows = measure(peers, aeron);
                butterfly.add(rows[0]);
                ring.add(rows[1]);
            }
            return new Result(butterfly, ring);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        finally
        {
            CloseHelper.closeAll(aeron, driver);
        }
    }

    private LocalAllReduce cluster(final Algorithm algorithm, final Partition partition, final Aeron aeron)
    {
        if (aeron == null)
        {
            return new LocalAllReduce(algorithm, partition, config, UnaryOperator.identity(), threads);
        }
        final int peers = partition.peers();
        final AeronChunkExchange[] exchanges = new AeronChunkExchange[peers];
        final int streamBase = nextStreamBase;
        nextStreamBase += peers * peers;
        try
        {
            for (int p = 0; p < peers; p++)
            {
                exchanges[p] = new AeronChunkExchange(aeron, peer -> "aeron:ipc", streamBase, p, peers);
            }
            for (final AeronChunkExchange exchange : exchanges)
            {
                exchange.awaitConnected(SystemNanoClock.INSTANCE, TimeUnit.SECONDS.toNanos(10));
            }
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.closeAll(exchanges);
            throw ex;
        }
        return new LocalAllReduce(algorithm, partition, config, exchanges, threads);
    }

    /**
     * Both algorithms at one N, their merges interleaved so that both see the same background load
     * on a shared machine; every merge is checked clean and the last one checked against the mean.
     */
    private Row[] measure(final int peers, final Aeron aeron)
    {
        final Random random = new Random(peers);
        final float[][] locals = new float[peers][elements];
        final long[] weights = new long[peers];
        for (int p = 0; p < peers; p++)
        {
            weights[p] = 1 + random.nextInt(100);
            for (int j = 0; j < elements; j++)
            {
                locals[p][j] = (float)random.nextGaussian();
            }
        }
        final Partition partition = Partition.uniform(peers, elements);
        final Algorithm[] algorithms = { Algorithm.BUTTERFLY, Algorithm.RING };
        try (LocalAllReduce butterfly = cluster(Algorithm.BUTTERFLY, partition, aeron);
            LocalAllReduce ring = cluster(Algorithm.RING, partition, aeron))
        {
            final LocalAllReduce[] clusters = { butterfly, ring };
            final double[][] wallMs = new double[2][iterations];
            final long[][] sent = new long[2][];
            final long[][] received = new long[2][];
            for (int i = -warmups; i < iterations; i++)
            {
                for (int a = 0; a < 2; a++)
                {
                    final LocalAllReduce cluster = clusters[a];
                    sent[a] = snapshot(cluster, true);
                    received[a] = snapshot(cluster, false);
                    final long wallNs = cluster.merge(locals, weights);
                    checkClean(cluster, algorithms[a]);
                    if (i >= 0)
                    {
                        wallMs[a][i] = wallNs / 1e6;
                    }
                }
            }
            checkMean(butterfly, locals, weights, 1e-6);
            checkMean(ring, locals, weights, 1e-5);
            final Row[] rows = new Row[2];
            for (int a = 0; a < 2; a++)
            {
                rows[a] = row(algorithms[a], clusters[a], sent[a], received[a], wallMs[a]);
            }
            return rows;
        }
    }

    /** Bytes of the last merge, per peer on average, over the vector's size; median wall time. */
    private Row row(
        final Algorithm algorithm, final LocalAllReduce cluster, final long[] sentBefore, final long[] receivedBefore, final double[] wallMs)
    {
        final int peers = cluster.peerCount();
        long sentTotal = 0;
        long receivedTotal = 0;
        for (int p = 0; p < peers; p++)
        {
            sentTotal += cluster.peer(p).exchange().bytesSent() - sentBefore[p];
            receivedTotal += cluster.peer(p).exchange().bytesReceived() - receivedBefore[p];
        }
        final double size = 4.0 * elements;
        final int frameElements = config.frameElements();
        final double[] sorted = wallMs.clone();
        Arrays.sort(sorted);
        return new Row(
            algorithm,
            peers,
            sentTotal / (double)peers / size,
            receivedTotal / (double)peers / size,
            algorithm == Algorithm.BUTTERFLY ?
                TrafficFormula.butterflyOverSize(peers, elements, frameElements) :
                TrafficFormula.ringOverSize(peers, elements, frameElements),
            sorted[sorted.length / 2]);
    }

    private static long[] snapshot(final LocalAllReduce cluster, final boolean sent)
    {
        final long[] bytes = new long[cluster.peerCount()];
        for (int p = 0; p < bytes.length; p++)
        {
            bytes[p] = sent ? cluster.peer(p).exchange().bytesSent() : cluster.peer(p).exchange().bytesReceived();
        }
        return bytes;
    }

    private static void checkClean(final LocalAllReduce cluster, final Algorithm algorithm)
    {
        for (int p = 0; p < cluster.peerCount(); p++)
        {
            final MergePeer peer = cluster.peer(p);
            if (!peer.report().isClean())
            {
                throw new IllegalStateException(algorithm + " merge was not clean on peer " + p + ": " + peer.report());
            }
        }
    }

    /** Norm-wise relative error of every peer's result against the weighted mean in double. */
    private static void checkMean(final LocalAllReduce cluster, final float[][] locals, final long[] weights, final double tolerance)
    {
        double total = 0;
        for (final long w : weights)
        {
            total += w;
        }
        for (int p = 0; p < cluster.peerCount(); p++)
        {
            final float[] result = cluster.peer(p).result();
            double error = 0;
            double norm = 0;
            for (int j = 0; j < result.length; j++)
            {
                double mean = 0;
                for (int q = 0; q < locals.length; q++)
                {
                    mean += weights[q] * (double)locals[q][j];
                }
                mean /= total;
                error += (result[j] - mean) * (result[j] - mean);
                norm += mean * mean;
            }
            if (!(Math.sqrt(error / norm) <= tolerance))
            {
                throw new IllegalStateException("peer " + p + " result is off the weighted mean: " + Math.sqrt(error / norm));
            }
        }
    }
}
