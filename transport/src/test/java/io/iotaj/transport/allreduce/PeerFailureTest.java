package io.iotaj.transport.allreduce;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Peers that stop mid-merge. The survivors must finish (the harness fails a merge that overruns its
 * deadlines), hold identical results, and never commit a partial chunk.
 */
class PeerFailureTest
{
    private static final AllReduceConfig CONFIG = ButterflyAllReduceTest.CONFIG.withStageDeadline(200, TimeUnit.MILLISECONDS);
    private static final int N = 6;
    private static final int ELEMENTS = 1501;

    @Test
    void aPeerKilledWhilePublishingIsCoveredByItsPairPartners()
    {
        final Random random = new Random(19);
        final Partition partition = Partition.uniform(N, ELEMENTS);
        final FaultyExchange[] faulty = new FaultyExchange[N];
        try (LocalAllReduce cluster = cluster(partition, faulty))
        {
            final int dead = 2;
            // Chunks fit one frame: one per (chunk, owner) in the scatter, N-1 per owned chunk published.
            // The last publication comes after the last scatter round: die three frames into it.
            final int scatterFrames = 2 * (partition.chunks() - (N - 1)) + (N - 1);
            final int publishFrames = (N - 1) * (N - 1);
            faulty[dead].dieAfter(scatterFrames + publishFrames - (N - 1) + 3);
            final float[][] locals = Vectors.locals(random, N, ELEMENTS);
            final long[] weights = Vectors.weights(random, N);
            cluster.merge(locals, weights);

            final double[] expected = Vectors.mean(locals, weights, Vectors.everyone(N));
            final int survivor = 0;
            for (int p = 0; p < N; p++)
            {
                if (p == dead)
                {
                    continue;
                }
                final MergePeer peer = cluster.peer(p);
                Vectors.assertClose(expected, peer.result(), 1e-6, "peer " + p);
                assertArrayEquals(cluster.peer(survivor).result(), peer.result(), "peer " + p);
                for (final MergeReport.Event event : peer.report().events())
                {
                    assertEquals(MergeReport.Kind.SILENT, event.kind(), event.toString());
                    assertEquals(dead, event.peer(), event.toString());
                }
            }
            int silentReports = 0;
            for (int p = 0; p < N; p++)
            {
                silentReports += p == dead ? 0 : cluster.peer(p).report().events().size();
            }
            assertTrue(silentReports > 0, "the dead peer's missing copies are reported");
        }
    }

    @Test
    void aPeerKilledWhileScatteringLeavesConsistentResults()
    {
        final Random random = new Random(23);
        final Partition partition = Partition.uniform(N, ELEMENTS);
        for (final int framesBeforeDeath : new int[]{ 1, 7, 13 })
        {
            final FaultyExchange[] faulty = new FaultyExchange[N];
            try (LocalAllReduce cluster = cluster(partition, faulty))
            {
                final int dead = 4;
                faulty[dead].dieAfter(framesBeforeDeath);
                final float[][] locals = Vectors.locals(random, N, ELEMENTS);
                final long[] weights = Vectors.weights(random, N);
                cluster.merge(locals, weights);

                final double[] all = Vectors.mean(locals, weights, Vectors.everyone(N));
                final double[] withoutDead = Vectors.mean(locals, weights, Vectors.everyone(N) & ~(1L << dead));
                final float[] reference = cluster.peer(0).result();
                for (int c = 0; c < partition.chunks(); c++)
                {
                    final int from = partition.offset(c);
                    final int to = from + partition.length(c);
                    assertTrue(
                        Vectors.isClose(all, reference, from, to, 1e-6) || Vectors.isClose(withoutDead, reference, from, to, 1e-6),
                        "chunk " + c + " is a whole mean, with or without the dead peer");
                }
                for (int p = 1; p < N; p++)
                {
                    if (p != dead)
                    {
                        assertArrayEquals(reference, cluster.peer(p).result(), "peer " + p + " after " + framesBeforeDeath);
                    }
                }
                for (int p = 0; p < N; p++)
                {
                    // One dead peer leaves every chunk an owner, and a referee for copies that differ
                    // because the dead peer's last values reached one owner only.
                    for (final MergeReport.Event event : p == dead ? List.<MergeReport.Event>of() : cluster.peer(p).report().events())
                    {
                        assertTrue(event.kind() == MergeReport.Kind.SILENT, "peer " + p + " after " + framesBeforeDeath + ": " + event);
                    }
                }
            }
        }
    }

    @Test
    void aChunkWhoseOwnersBothDiedStaysAtEachPeersLocalValuesAndIsReported()
    {
        final Random random = new Random(29);
        final Partition partition = Partition.uniform(N, ELEMENTS);
        final FaultyExchange[] faulty = new FaultyExchange[N];
        try (LocalAllReduce cluster = cluster(partition, faulty))
        {
            faulty[1].dieAfter(0);
            faulty[4].dieAfter(0);
            final float[][] locals = Vectors.locals(random, N, ELEMENTS);
            final long[] weights = Vectors.weights(random, N);
            cluster.merge(locals, weights);

            final int lost = Partition.chunkOf(N, 1, 4);
            final long survivors = Vectors.everyone(N) & ~(1L << 1) & ~(1L << 4);
            final double[] expected = Vectors.mean(locals, weights, survivors);
            for (int p = 0; p < N; p++)
            {
                if (p == 1 || p == 4)
                {
                    continue;
                }
                final float[] result = cluster.peer(p).result();
                for (int c = 0; c < partition.chunks(); c++)
                {
                    final int from = partition.offset(c);
                    final int to = from + partition.length(c);
                    if (c == lost)
                    {
                        for (int j = from; j < to; j++)
                        {
                            assertEquals(locals[p][j], result[j], "lost chunk keeps local values, element " + j);
                        }
                    }
                    else
                    {
                        Vectors.assertClose(expected, result, from, to, 1e-6, "peer " + p + " chunk " + c);
                    }
                }
                assertTrue(cluster.peer(p).report().events().contains(new MergeReport.Event(MergeReport.Kind.LOST, lost, -1)),
                    cluster.peer(p).report().toString());
            }
        }
    }

    @Test
    void theClusterRecoversForTheNextMerge()
    {
        final Random random = new Random(31);
        final Partition partition = Partition.uniform(N, ELEMENTS);
        final FaultyExchange[] faulty = new FaultyExchange[N];
        try (LocalAllReduce cluster = cluster(partition, faulty))
        {
            faulty[3].dieAfter(5);
            cluster.merge(Vectors.locals(random, N, ELEMENTS), Vectors.weights(random, N));
            faulty[3].heal();
            final float[][] locals = Vectors.locals(random, N, ELEMENTS);
            final long[] weights = Vectors.weights(random, N);
            cluster.merge(locals, weights);
            final double[] expected = Vectors.mean(locals, weights, Vectors.everyone(N));
            for (int p = 0; p < N; p++)
            {
                Vectors.assertClose(expected, cluster.peer(p).result(), 1e-6, "peer " + p);
                assertTrue(cluster.peer(p).report().isClean(), cluster.peer(p).report().toString());
            }
        }
    }

    private static LocalAllReduce cluster(final Partition partition, final FaultyExchange[] faulty)
    {
        return new LocalAllReduce(Algorithm.BUTTERFLY, partition, CONFIG, exchange ->
        {
            final FaultyExchange wrapped = new FaultyExchange(exchange);
            faulty[exchange.peer()] = wrapped;
            return wrapped;
        }, 2);
    }
}
