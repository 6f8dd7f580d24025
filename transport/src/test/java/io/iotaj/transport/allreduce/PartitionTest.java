package io.iotaj.transport.allreduce;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartitionTest
{
    @Test
    void everyUnorderedPairOwnsExactlyOneChunk()
    {
        for (int n = 2; n <= 16; n++)
        {
            final Partition partition = Partition.uniform(n, 1000);
            assertEquals(n * (n - 1) / 2, partition.chunks());
            final Set<Integer> pairs = new HashSet<>();
            for (int c = 0; c < partition.chunks(); c++)
            {
                final int a = partition.ownerA(c);
                final int b = partition.ownerB(c);
                assertTrue(a < b);
                assertTrue(pairs.add(a * n + b));
                assertEquals(c, Partition.chunkOf(n, a, b));
                assertEquals(c, Partition.chunkOf(n, b, a));
                if (n > 2)
                {
                    assertNotEquals(a, partition.referee(c));
                    assertNotEquals(b, partition.referee(c));
                }
            }
            for (int p = 0; p < n; p++)
            {
                int owned = 0;
                for (int c = 0; c < partition.chunks(); c++)
                {
                    owned += partition.isOwner(p, c) ? 1 : 0;
                }
                assertEquals(n - 1, owned, "each peer is in N-1 pairs");
            }
        }
    }

    @Test
    void splitAndAssembleRoundTripForAwkwardLengths()
    {
        final Random random = new Random(7);
        for (int n = 2; n <= 16; n++)
        {
            for (final int elements : new int[]{ 0, 1, Partition.chunkCount(n) - 1, Partition.chunkCount(n) + 1, 9973 })
            {
                final Partition partition = Partition.uniform(n, elements);
                final float[] vector = new float[elements];
                for (int j = 0; j < elements; j++)
                {
                    vector[j] = random.nextFloat();
                }
                final float[][] pieces = partition.split(vector);
                int total = 0;
                for (int c = 0; c < partition.chunks(); c++)
                {
                    total += pieces[c].length;
                    assertTrue(Math.abs(pieces[c].length - elements / partition.chunks()) <= 1);
                }
                assertEquals(elements, total);
                assertArrayEquals(vector, partition.assemble(pieces));
            }
        }
    }

    @Test
    void bandwidthAwareLoadsMinimiseTheSlowestPeersTime()
    {
        final int elements = 1_000_000;
        final double[] bandwidths = { 100, 100, 50, 25, 400, 100, 200, 75 };
        final int n = bandwidths.length;
        final Partition aware = Partition.bandwidthAware(elements, bandwidths);
        final Partition uniform = Partition.uniform(n, elements);
        assertEquals(elements, aware.elements());
        final double awareTime = slowest(aware, bandwidths);
        final double uniformTime = slowest(uniform, bandwidths);
        assertTrue(awareTime < 0.8 * uniformTime, awareTime + " vs uniform " + uniformTime);

        // Optimal: the peers that own some but not all of the vector finish together (up to integer
        // rounding), at the water line; the others own nothing (slower) or everything (faster).
        double line = 0;
        for (int p = 0; p < n; p++)
        {
            if (isPartial(aware, p))
            {
                line = Math.max(line, time(aware, bandwidths, p));
            }
        }
        // Any partition makes every peer move at least 2L each way, so max(2L / b) bounds it from below.
        double floor = 0;
        for (final double b : bandwidths)
        {
            floor = Math.max(floor, 2.0 * elements / b);
        }
        assertEquals(Math.max(line, floor), awareTime, awareTime * 1e-4, "the slowest peer is at the bound");
        assertEquals(elements, aware.ownedElements(4), 8, "the fastest peer takes as much as a peer can");
        for (int p = 0; p < n; p++)
        {
            if (isPartial(aware, p))
            {
                assertEquals(line, time(aware, bandwidths, p), line * 1e-4, "peer " + p + " is off the water line");
            }
        }
        int total = 0;
        for (int p = 0; p < n; p++)
        {
            total += aware.ownedElements(p);
        }
        assertEquals(2 * elements, total, "every element is owned by exactly two peers");
    }

    @Test
    void aVerySlowPeerGetsNoChunk()
    {
        final double[] bandwidths = { 100, 100, 100, 100, 1 };
        final Partition aware = Partition.bandwidthAware(100_000, bandwidths);
        assertEquals(0, aware.ownedElements(4));
        for (int p = 0; p < 4; p++)
        {
            assertEquals(50_000, aware.ownedElements(p), 1);
        }
    }

    @Test
    void equalBandwidthsGiveEqualLoads()
    {
        final Partition aware = Partition.bandwidthAware(120_000, new double[]{ 5, 5, 5, 5, 5, 5 });
        for (int p = 0; p < 6; p++)
        {
            assertEquals(40_000, aware.ownedElements(p), 2);
        }
    }

    @Test
    void rejectsBadInput()
    {
        assertThrows(IllegalArgumentException.class, () -> Partition.uniform(1, 10));
        assertThrows(IllegalArgumentException.class, () -> Partition.uniform(65, 10));
        assertThrows(IllegalArgumentException.class, () -> Partition.uniform(4, -1));
        assertThrows(IllegalArgumentException.class, () -> Partition.bandwidthAware(10, new double[]{ 1, 0, 1 }));
        assertThrows(IllegalArgumentException.class, () -> Partition.bandwidthAware(10, new double[]{ 1, Double.NaN, 1 }));
    }

    private static boolean isPartial(final Partition partition, final int p)
    {
        final int owned = partition.ownedElements(p);
        return owned > 0 && owned < partition.elements() - partition.peers();
    }

    private static double slowest(final Partition partition, final double[] bandwidths)
    {
        double slowest = 0;
        for (int p = 0; p < bandwidths.length; p++)
        {
            slowest = Math.max(slowest, time(partition, bandwidths, p));
        }
        return slowest;
    }

    /** Payload elements moved by peer p in one direction, over its bandwidth. */
    private static double time(final Partition partition, final double[] bandwidths, final int p)
    {
        final int n = partition.peers();
        return (2.0 * partition.elements() + (n - 2.0) * partition.ownedElements(p)) / bandwidths[p];
    }
}
