package io.iotaj.transport.allreduce;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RingAllReduceTest
{
    @Test
    void ringBaselineComputesTheWeightedMean()
    {
        final Random random = new Random(37);
        final int frameElements = ButterflyAllReduceTest.CONFIG.frameElements();
        for (int n = 2; n <= 16; n += 3)
        {
            for (final int elements : new int[]{ 0, 1, n - 1, 5003 })
            {
                final Partition partition = Partition.uniform(n, elements);
                try (LocalAllReduce cluster = new LocalAllReduce(
                    Algorithm.RING, partition, ButterflyAllReduceTest.CONFIG, UnaryOperator.identity(), 2))
                {
                    final float[][] locals = Vectors.locals(random, n, elements);
                    final long[] weights = Vectors.weights(random, n);
                    cluster.merge(locals, weights);
                    final double[] expected = Vectors.mean(locals, weights, Vectors.everyone(n));
                    final String what = "N=" + n + " L=" + elements;
                    for (int p = 0; p < n; p++)
                    {
                        final MergePeer peer = cluster.peer(p);
                        // Partial sums travel as float32, so the ring is accurate to about N ulps, not one.
                        assertTrue(Vectors.relativeError(expected, peer.result()) < 1e-5, what + " peer " + p);
                        assertArrayEquals(cluster.peer(0).result(), peer.result(), what);
                        assertTrue(peer.report().isClean(), peer.report().toString());
                        final long exact = TrafficFormula.ringBytes(n, elements, p, frameElements);
                        assertEquals(exact, peer.exchange().bytesSent(), what + " sent by " + p);
                        assertEquals(TrafficFormula.ringBytes(n, elements, (p + n - 1) % n, frameElements),
                            peer.exchange().bytesReceived(), what + " received by " + p + " from its left");
                    }
                }
            }
        }
    }
}
