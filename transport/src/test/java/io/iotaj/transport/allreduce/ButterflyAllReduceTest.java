package io.iotaj.transport.allreduce;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ButterflyAllReduceTest
{
    static final AllReduceConfig CONFIG = AllReduceConfig.fromSystemProperties()
        .withFrameElements(1024)
        .withLinkCapacity(64 * 1024)
        .withStageDeadline(10, TimeUnit.SECONDS);

    @Test
    void exactWeightedMeanForTwoToSixteenPeersAndAwkwardLengths()
    {
        final Random random = new Random(42);
        for (int n = 2; n <= 16; n++)
        {
            final int chunks = Partition.chunkCount(n);
            for (final int elements : new int[]{ 0, 1, Math.max(1, chunks - 3), 2 * chunks + 1, 3001 })
            {
                final Partition partition = Partition.uniform(n, elements);
                try (LocalAllReduce cluster = new LocalAllReduce(Algorithm.BUTTERFLY, partition, CONFIG, UnaryOperator.identity(), 2))
                {
                    for (int merge = 0; merge < 2; merge++)
                    {
                        final float[][] locals = Vectors.locals(random, n, elements);
                        final long[] weights = Vectors.weights(random, n);
                        final long[] sentBefore = new long[n];
                        final long[] receivedBefore = new long[n];
                        for (int p = 0; p < n; p++)
                        {
                            sentBefore[p] = cluster.peer(p).exchange().bytesSent();
                            receivedBefore[p] = cluster.peer(p).exchange().bytesReceived();
                        }
                        cluster.merge(locals, weights);
                        final double[] expected = Vectors.mean(locals, weights, Vectors.everyone(n));
                        final String what = "N=" + n + " L=" + elements + " merge " + merge;
                        for (int p = 0; p < n; p++)
                        {
                            final MergePeer peer = cluster.peer(p);
                            Vectors.assertClose(expected, peer.result(), 1e-6, what + " peer " + p);
                            assertArrayEquals(cluster.peer(0).result(), peer.result(), what + ": every peer holds the same bits");
                            assertTrue(peer.report().isClean(), what + ": " + peer.report());
                            final long exact = TrafficFormula.butterflyBytes(partition, p, CONFIG.frameElements());
                            assertEquals(exact, peer.exchange().bytesSent() - sentBefore[p], what + " bytes sent by " + p);
                            assertEquals(exact, peer.exchange().bytesReceived() - receivedBefore[p], what + " bytes received by " + p);
                        }
                    }
                }
            }
        }
    }

    @Test
    void bandwidthAwarePartitionStillGivesTheExactMean()
    {
        final Random random = new Random(3);
        final double[] bandwidths = { 10, 40, 1, 20, 20, 80 };
        final int n = bandwidths.length;
        final Partition partition = Partition.bandwidthAware(50_001, bandwidths);
        assertEquals(0, partition.ownedElements(2), "the slowest peer reduces nothing");
        try (LocalAllReduce cluster = new LocalAllReduce(Algorithm.BUTTERFLY, partition, CONFIG, UnaryOperator.identity(), 2))
        {
            final float[][] locals = Vectors.locals(random, n, partition.elements());
            final long[] weights = Vectors.weights(random, n);
            cluster.merge(locals, weights);
            final double[] expected = Vectors.mean(locals, weights, Vectors.everyone(n));
            for (int p = 0; p < n; p++)
            {
                Vectors.assertClose(expected, cluster.peer(p).result(), 1e-6, "peer " + p);
                assertEquals(
                    TrafficFormula.butterflyBytes(partition, p, CONFIG.frameElements()),
                    cluster.peer(p).exchange().bytesSent());
            }
        }
    }

    @Test
    void zeroWeightsEverywhereAverageEqually()
    {
        final Random random = new Random(5);
        final int n = 4;
        final Partition partition = Partition.uniform(n, 777);
        try (LocalAllReduce cluster = new LocalAllReduce(Algorithm.BUTTERFLY, partition, CONFIG, UnaryOperator.identity(), 2))
        {
            final float[][] locals = Vectors.locals(random, n, partition.elements());
            cluster.merge(locals, new long[n]);
            final double[] expected = Vectors.mean(locals, new long[]{ 1, 1, 1, 1 }, Vectors.everyone(n));
            for (int p = 0; p < n; p++)
            {
                Vectors.assertClose(expected, cluster.peer(p).result(), 1e-6, "peer " + p);
            }
        }
    }

    @Test
    void closedFormMatchesTheExactCountForLargeVectors()
    {
        for (int n = 2; n <= 16; n++)
        {
            final int elements = 1 << 20;
            final Partition partition = Partition.uniform(n, elements);
            long total = 0;
            for (int p = 0; p < n; p++)
            {
                total += TrafficFormula.butterflyBytes(partition, p, 4096);
            }
            final double measured = total / (double)n / (4.0 * elements);
            final double formula = TrafficFormula.butterflyOverSize(n, elements, 4096);
            assertEquals(formula, measured, 0.02 * formula, "N=" + n);
            assertTrue(formula < 4.01);
        }
    }
}
