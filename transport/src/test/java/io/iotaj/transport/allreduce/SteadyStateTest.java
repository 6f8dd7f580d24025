package io.iotaj.transport.allreduce;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schedule is data computed up front, and running it allocates nothing per chunk or frame. */
class SteadyStateTest
{
    private static final int WARM_MERGES = 150;

    @Test
    void theButterflyProgramHasTheOperationsTheTrafficFormulaCounts()
    {
        for (int n = 2; n <= 16; n++)
        {
            final Partition partition = Partition.uniform(n, 100 * Partition.chunkCount(n));
            final int chunks = partition.chunks();
            for (int self = 0; self < n; self++)
            {
                final Program program = new Program(ButterflySchedule.capacity(partition));
                ButterflySchedule.main(partition, self, program);
                final int[] counts = new int[9];
                for (int op = 0; op < program.count(); op++)
                {
                    // Count frames per chunk: one per destination.
                    counts[program.kind(op)] += Math.max(1, Long.bitCount(program.targets(op)));
                    if (program.kind(op) == ButterflySchedule.SEND_LOCAL)
                    {
                        final int c = program.chunk(op);
                        for (long to = program.targets(op); to != 0; to &= to - 1)
                        {
                            final int peer = Long.numberOfTrailingZeros(to);
                            assertTrue(partition.isOwner(peer, c) && peer != self, "scatter goes to an owner");
                        }
                    }
                }
                assertEquals(2 * (chunks - (n - 1)) + (n - 1), counts[ButterflySchedule.SEND_LOCAL], "scatter sends");
                assertEquals(n - 1, counts[ButterflySchedule.REDUCE], "one reduction per owned chunk");
                assertEquals((n - 1) * (n - 1), counts[ButterflySchedule.SEND_REDUCED], "publications");
                assertEquals(1, counts[ButterflySchedule.AWAIT_COPIES]);
                assertEquals(ButterflySchedule.AWAIT_COPIES, program.kind(program.count() - 1), "the check comes last");
            }
        }
    }

    @Test
    void theScatterRoundsDealEveryPairOnceInDisjointPairs()
    {
        for (int n = 2; n <= 16; n++)
        {
            final boolean[] dealt = new boolean[Partition.chunkCount(n)];
            for (int round = 0; round < ButterflySchedule.rounds(n); round++)
            {
                int sittingOut = 0;
                for (int p = 0; p < n; p++)
                {
                    final int q = ButterflySchedule.partner(n, round, p);
                    if (q < 0)
                    {
                        sittingOut++;
                        continue;
                    }
                    assertTrue(q != p && ButterflySchedule.partner(n, round, q) == p, "N=" + n + " round " + round + ": pairs are mutual");
                    final int c = Partition.chunkOf(n, p, q);
                    assertTrue(p > q || !dealt[c], "N=" + n + ": pair " + p + "," + q + " dealt twice");
                    dealt[c] = true;
                }
                assertEquals(n & 1, sittingOut, "N=" + n + " round " + round);
            }
            for (final boolean pair : dealt)
            {
                assertTrue(pair, "N=" + n + ": every pair is dealt");
            }
        }
    }

    @Test
    void aMergeAllocatesNothingOnceWarm()
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final Random random = new Random(47);
        final int n = 8;
        final Partition partition = Partition.uniform(n, 100_003);
        for (final Algorithm algorithm : Algorithm.values())
        {
            // threads = 0: every agent runs on this thread, so this thread's allocation is theirs.
            try (LocalAllReduce cluster = new LocalAllReduce(algorithm, partition, ButterflyAllReduceTest.CONFIG, UnaryOperator.identity(), 0))
            {
                final float[][] locals = Vectors.locals(random, n, partition.elements());
                final long[] weights = Vectors.weights(random, n);
                // long enough for C2 to compile the vector kernels even on a loaded machine: until then the
                // Vector API boxes its vectors (one loaded verify saw 9.6 MB in the merge after 20 warm-ups)
                for (int warm = 0; warm < WARM_MERGES; warm++)
                {
                    cluster.merge(locals, weights);
                }
                final long before = threads.getCurrentThreadAllocatedBytes();
                cluster.merge(locals, weights);
                final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                // The merge moves hundreds of frames; a few bytes of measurement noise are tolerated.
                assertTrue(allocated < 256, algorithm + " allocated " + allocated + " bytes in one merge");
                assertTrue(cluster.peer(3).report().isClean());
            }
        }
    }
}
