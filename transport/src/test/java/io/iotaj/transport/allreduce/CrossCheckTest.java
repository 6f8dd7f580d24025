package io.iotaj.transport.allreduce;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossCheckTest
{
    @Test
    void aCorruptReductionIsDetectedEveryTimeAndTheMeanStaysExact()
    {
        final Random random = new Random(11);
        for (final int n : new int[]{ 3, 4, 6 })
        {
            final Partition partition = Partition.uniform(n, 4099);
            final FaultyExchange[] faulty = new FaultyExchange[n];
            try (LocalAllReduce cluster = cluster(partition, faulty))
            {
                // Every chunk, each of its two owners in turn, fed one wrong input.
                for (int c = 0; c < partition.chunks(); c++)
                {
                    for (int side = 0; side < 2; side++)
                    {
                        final int cheat = side == 0 ? partition.ownerA(c) : partition.ownerB(c);
                        final int victim = (cheat + 1 + random.nextInt(n - 1)) % n;
                        faulty[cheat].corruptInput(c, victim);
                        final float[][] locals = Vectors.locals(random, n, partition.elements());
                        final long[] weights = Vectors.weights(random, n);
                        cluster.merge(locals, weights);
                        faulty[cheat].heal();

                        final double[] expected = Vectors.mean(locals, weights, Vectors.everyone(n));
                        final String what = "N=" + n + " chunk " + c + " cheat " + cheat;
                        for (int p = 0; p < n; p++)
                        {
                            Vectors.assertClose(expected, cluster.peer(p).result(), 1e-6, what + " peer " + p);
                            assertArrayEquals(cluster.peer(0).result(), cluster.peer(p).result(), what);
                            assertEquals(
                                List.of(new MergeReport.Event(MergeReport.Kind.DISAGREED, c, cheat)),
                                cluster.peer(p).report().events(), what + " seen by " + p);
                        }
                    }
                }
            }
        }
    }

    /**
     * Both owners of a chunk reduce the same wrong input identically: their copies agree, so the
     * all-reduce's cross-check cannot see it. The validators' weight check, which recomputes the
     * chunk from the submitted local vectors, does.
     */
    @Test
    void colludingOwnersPassTheCrossCheckButNotTheValidatorsWeightCheck()
    {
        final Random random = new Random(13);
        final int n = 5;
        final Partition partition = Partition.uniform(n, 3333);
        final FaultyExchange[] faulty = new FaultyExchange[n];
        try (LocalAllReduce cluster = cluster(partition, faulty))
        {
            final int c = Partition.chunkOf(n, 1, 3);
            faulty[1].corruptInput(c, 4);
            faulty[3].corruptInput(c, 4);
            final float[][] locals = Vectors.locals(random, n, partition.elements());
            final long[] weights = Vectors.weights(random, n);
            cluster.merge(locals, weights);

            final double[] expected = Vectors.mean(locals, weights, Vectors.everyone(n));
            final int from = partition.offset(c);
            final int to = from + partition.length(c);
            for (int p = 0; p < n; p++)
            {
                final float[] result = cluster.peer(p).result();
                assertTrue(cluster.peer(p).report().isClean(), "the cross-check passes: " + cluster.peer(p).report());
                assertFalse(Vectors.isClose(expected, result, from, to, 1e-6), "chunk " + c + " is wrong");
                Vectors.assertClose(expected, result, 0, from, 1e-6, "before the chunk");
                Vectors.assertClose(expected, result, to, expected.length, 1e-6, "after the chunk");
                assertArrayEquals(new int[]{ c }, WeightCheck.mismatchedChunks(partition, result, locals, weights, 1e-6));
            }

            faulty[1].heal();
            faulty[3].heal();
            final float[][] honest = Vectors.locals(random, n, partition.elements());
            cluster.merge(honest, weights);
            assertArrayEquals(new int[0], WeightCheck.mismatchedChunks(partition, cluster.peer(2).result(), honest, weights, 1e-6),
                "no false alarm on an honest merge");
        }
    }

    @Test
    void withTwoPeersADisagreementIsReportedAndLeftAtLocalValues()
    {
        final Random random = new Random(17);
        final Partition partition = Partition.uniform(2, 100);
        final FaultyExchange[] faulty = new FaultyExchange[2];
        try (LocalAllReduce cluster = cluster(partition, faulty))
        {
            faulty[0].corruptInput(0, 1);
            final float[][] locals = Vectors.locals(random, 2, 100);
            cluster.merge(locals, new long[]{ 3, 5 });
            for (int p = 0; p < 2; p++)
            {
                assertEquals(List.of(new MergeReport.Event(MergeReport.Kind.UNRESOLVED, 0, -1)), cluster.peer(p).report().events());
                assertArrayEquals(locals[p], cluster.peer(p).result(), "no third peer: local values kept");
            }
        }
    }

    private static LocalAllReduce cluster(final Partition partition, final FaultyExchange[] faulty)
    {
        return new LocalAllReduce(Algorithm.BUTTERFLY, partition, ButterflyAllReduceTest.CONFIG, exchange ->
        {
            final FaultyExchange wrapped = new FaultyExchange(exchange);
            faulty[exchange.peer()] = wrapped;
            return wrapped;
        }, 2);
    }
}
