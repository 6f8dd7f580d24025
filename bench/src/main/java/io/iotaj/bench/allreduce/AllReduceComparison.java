package io.iotaj.bench.allreduce;

import io.iotaj.codecs.json.JsonWritable;
import io.iotaj.transport.allreduce.AllReduceConfig;
import io.iotaj.transport.allreduce.Algorithm;
import io.iotaj.transport.allreduce.LocalAllReduce;
import io.iotaj.transport.allreduce.MergePeer;
import io.iotaj.transport.allreduce.Partition;
import io.iotaj.transport.allreduce.TrafficFormula;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Whole-merge comparison of the pairwise butterfly against the ring baseline, both in one process
 * over the same in-process ring-buffer links: bytes per peer over the vector's size (measured at the
 * exchange, frame headers included) beside the closed-form formula, and the median wall time.
 */
public final class AllReduceComparison
{
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

    public AllReduceComparison(
        final int elements, final int warmups, final int iterations, final int threads, final AllReduceConfig config)
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
    }

    public Result run(final int[] peerCounts)
    {
        final List<Row> butterfly = new ArrayList<>();
        final List<Row> ring = new ArrayList<>();
        for (final int peers : peerCounts)
        {
            if (peers < 2 || peers > 64)
            {
                throw new IllegalArgumentException("peers must be in 2..64: " + peers);
            }
            butterfly.add(measure(Algorithm.BUTTERFLY, peers));
            ring.add(measure(Algorithm.RING, peers));
        }
        return new Result(butterfly, ring);
    }

    private Row measure(final Algorithm algorithm, final int peers)
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
        try (LocalAllReduce cluster = new LocalAllReduce(algorithm, partition, config, UnaryOperator.identity(), threads))
        {
            for (int i = 0; i < warmups; i++)
            {
                cluster.merge(locals, weights);
            }
            final long[] sent = new long[peers];
            final long[] received = new long[peers];
            final double[] wallMs = new double[iterations];
            for (int i = 0; i < iterations; i++)
            {
                for (int p = 0; p < peers; p++)
                {
                    sent[p] = cluster.peer(p).exchange().bytesSent();
                    received[p] = cluster.peer(p).exchange().bytesReceived();
                }
                wallMs[i] = cluster.merge(locals, weights) / 1e6;
                checkClean(cluster, algorithm);
            }
            long sentTotal = 0;
            long receivedTotal = 0;
            for (int p = 0; p < peers; p++)
            {
                sentTotal += cluster.peer(p).exchange().bytesSent() - sent[p];
                receivedTotal += cluster.peer(p).exchange().bytesReceived() - received[p];
            }
            final double size = 4.0 * elements;
            final int frameElements = config.frameElements();
            Arrays.sort(wallMs);
            return new Row(
                algorithm,
                peers,
                sentTotal / (double)peers / size,
                receivedTotal / (double)peers / size,
                algorithm == Algorithm.BUTTERFLY ?
                    TrafficFormula.butterflyOverSize(peers, elements, frameElements) :
                    TrafficFormula.ringOverSize(peers, elements, frameElements),
                wallMs[iterations / 2]);
        }
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
}
