package io.iotaj.transport.allreduce;

import java.util.Arrays;

/**
 * The validator's weight check: recompute each chunk of a merged vector from the local vectors the
 * peers submitted (and their weights) and compare.
 * <p>
 * The all-reduce's cross-check compares the two owners' copies of a chunk, so it cannot see two
 * colluding owners that publish the same wrong values. This check can, because it does not trust
 * either owner: it needs the submitted vectors, which validators sample from the journals.
 */
public final class WeightCheck
{
    private WeightCheck()
    {
    }

    /**
     * @return the chunks of {@code merged} that differ, beyond {@code tolerance} relative, from the
     * weighted mean of {@code submitted} (one vector per peer) with {@code weights}; empty when all agree.
     */
    public static int[] mismatchedChunks(
        final Partition partition,
        final float[] merged,
        final float[][] submitted,
        final long[] weights,
        final double tolerance)
    {
        final int peers = partition.peers();
        if (submitted.length != peers || weights.length != peers || merged.length != partition.elements())
        {
            throw new IllegalArgumentException("need " + peers + " submitted vectors and weights over " + partition.elements() + " elements");
        }
        final int length = partition.elements();
        final float[] staging = new float[peers * length];
        for (int p = 0; p < peers; p++)
        {
            if (submitted[p].length != length)
            {
                throw new IllegalArgumentException("peer " + p + " submitted " + submitted[p].length + " elements");
            }
            System.arraycopy(submitted[p], 0, staging, p * length, length);
        }
        final long everyone = peers == 64 ? -1L : (1L << peers) - 1;
        final float[] expected = new float[length];
        WeightedMean.reduce(staging, 0, length, everyone, weights, new double[peers], expected, 0);
        int[] bad = new int[0];
        for (int c = 0; c < partition.chunks(); c++)
        {
            final int offset = partition.offset(c);
            if (!WeightedMean.agree(merged, offset, expected, offset, partition.length(c), tolerance))
            {
                bad = Arrays.copyOf(bad, bad.length + 1);
                bad[bad.length - 1] = c;
            }
        }
        return bad;
    }
}
