package io.iotaj.transport.allreduce;

import java.util.Arrays;

/**
 * The reduction kernel: a weighted mean over the contributors of one chunk, each element a chain of
 * double fused multiply-adds in peer order, so that every honest reducer produces the same bits
 * whatever its vector width. With {@code jdk.incubator.vector} present (the launcher and tests add it)
 * whole vectors of elements are reduced at once ({@link VectorWeightedMean}); otherwise, and for the
 * tail, element by element as {@link #reduceReference} does.
 */
final class WeightedMean
{
    private static final boolean VECTOR = vectorAvailable();

    private WeightedMean()
    {
    }

    /**
     * out[outIndex + j] = (sum_p w_p x_p[j]) / (sum_p w_p) over the peers p whose bit is set in
     * {@code contributors}, in increasing p, where x_p[j] = staging[base + p * length + j]. When the
     * contributors' weights add up to zero they count equally.
     */
    static void reduce(
        final float[] staging,
        final int base,
        final int length,
        final long contributors,
        final long[] weights,
        final float[] out,
        final int outIndex)
    {
        final double weight = totalWeight(contributors, weights);
        final boolean equal = weight == 0;
        final double total = equal ? Long.bitCount(contributors) : weight;
        final int done = VECTOR ?
            VectorWeightedMean.reduce(staging, base, length, contributors, weights, equal, total, out, outIndex) : 0;
        for (int j = done; j < length; j++)
        {
            out[outIndex + j] = element(staging, base, length, j, contributors, weights, equal, total);
        }
    }

    /** The scalar twin of {@link #reduce}: the same operations in the same order, so the same bits. */
    static void reduceReference(
        final float[] staging,
        final int base,
        final int length,
        final long contributors,
        final long[] weights,
        final float[] out,
        final int outIndex)
    {
        final double weight = totalWeight(contributors, weights);
        final boolean equal = weight == 0;
        final double total = equal ? Long.bitCount(contributors) : weight;
        for (int j = 0; j < length; j++)
        {
            out[outIndex + j] = element(staging, base, length, j, contributors, weights, equal, total);
        }
    }

    /** Whether {@link #reduce} runs on SIMD vectors in this JVM. */
    static boolean vectorized()
    {
        return VECTOR;
    }

    private static float element(
        final float[] staging,
        final int base,
        final int length,
        final int j,
        final long contributors,
        final long[] weights,
        final boolean equal,
        final double total)
    {
        double sum = 0;
        for (long bits = contributors; bits != 0; bits &= bits - 1)
        {
            final int p = Long.numberOfTrailingZeros(bits);
            sum = Math.fma((double)staging[base + p * length + j], equal ? 1.0 : (double)weights[p], sum);
        }
        return (float)(sum / total);
    }

    private static double totalWeight(final long contributors, final long[] weights)
    {
        double total = 0;
        for (long bits = contributors; bits != 0; bits &= bits - 1)
        {
            total += weights[Long.numberOfTrailingZeros(bits)];
        }
        return total;
    }

    /**
     * True when every element of the two ranges is equal within {@code tolerance}, relative. Honest
     * copies are bit-identical, so the ranges are scanned with the vectorised {@link Arrays#mismatch}
     * and only the elements whose bits differ are compared with the tolerance.
     */
    static boolean agree(
        final float[] x, final int xIndex, final float[] y, final int yIndex, final int length, final double tolerance)
    {
        int j = 0;
        while (j < length)
        {
            final int skip = Arrays.mismatch(x, xIndex + j, xIndex + length, y, yIndex + j, yIndex + length);
            if (skip < 0)
            {
                return true;
            }
            j += skip;
            final float a = x[xIndex + j];
            final float b = y[yIndex + j];
            if (!(Math.abs((double)a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b))))
            {
                return false;
            }
            j++;
        }
        return true;
    }

    private static boolean vectorAvailable()
    {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty())
        {
            return false;
        }
        try
        {
            // Loads the SIMD class and checks it against the scalar twin once.
            final float[] staging = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24 };
            final long[] weights = { 3, 5 };
            final float[] fast = new float[12];
            final float[] reference = new float[12];
            final int done = VectorWeightedMean.reduce(staging, 0, 12, 3, weights, false, 8, fast, 0);
            reduceReference(staging, 0, 12, 3, weights, reference, 0);
            return Arrays.equals(fast, 0, done, reference, 0, done);
        }
        catch (final Throwable ex)
        {
            return false;
        }
    }
}
