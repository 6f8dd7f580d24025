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
     *
     * @param scratch at least as many doubles as peers: the weights, converted once per call.
     */
    static void reduce(
        final float[] staging,
        final int base,
        final int length,
        final long contributors,
        final long[] weights,
        final double[] scratch,
        final float[] out,
        final int outIndex)
    {
        final double total = convertWeights(contributors, weights, scratch);
        final int done = VECTOR ?
            VectorWeightedMean.reduce(staging, base, length, contributors, scratch, total, out, outIndex) : 0;
        for (int j = done; j < length; j++)
        {
            out[outIndex + j] = element(staging, base, length, j, contributors, scratch, total);
        }
    }

    /** The scalar twin of {@link #reduce}: the same operations in the same order, so the same bits. */
    static void reduceReference(
        final float[] staging,
        final int base,
        final int length,
        final long contributors,
        final long[] weights,
        final double[] scratch,
        final float[] out,
        final int outIndex)
    {
        final double total = convertWeights(contributors, weights, scratch);
        for (int j = 0; j < length; j++)
        {
            out[outIndex + j] = element(staging, base, length, j, contributors, scratch, total);
        }
    }

    /**
     * One contribution into a running weighted sum: acc[accIndex + j] = fma(x[xIndex + j], weight,
     * acc[accIndex + j]), or x times weight when {@code assign} (the first contribution). Folding the
     * contributions as they arrive reads each one once while it is still in cache; the order of
     * arrival can change the last bit of a sum, which the copies' tolerance absorbs.
     */
    static void fold(
        final float[] x, final int xIndex, final double weight, final double[] acc, final int accIndex, final int length, final boolean assign)
    {
        final int done = VECTOR ? VectorWeightedMean.fold(x, xIndex, weight, acc, accIndex, length, assign) : 0;
        foldReference(x, xIndex + done, weight, acc, accIndex + done, length - done, assign);
    }

    /** The scalar twin of {@link #fold}. */
    static void foldReference(
        final float[] x, final int xIndex, final double weight, final double[] acc, final int accIndex, final int length, final boolean assign)
    {
        for (int j = 0; j < length; j++)
        {
            acc[accIndex + j] = assign ? x[xIndex + j] * weight : Math.fma((double)x[xIndex + j], weight, acc[accIndex + j]);
        }
    }

    /** out[outIndex + j] = (float)(acc[accIndex + j] / total): the mean from a folded sum. */
    static void divide(final double[] acc, final int accIndex, final int length, final double total, final float[] out, final int outIndex)
    {
        final int done = VECTOR ? VectorWeightedMean.divide(acc, accIndex, length, total, out, outIndex) : 0;
        for (int j = done; j < length; j++)
        {
            out[outIndex + j] = (float)(acc[accIndex + j] / total);
        }
    }

    /** out[outIndex + j] = (float)((double)sums[index + j] / total): the mean from float partial sums (the ring's). */
    static void divide(final float[] sums, final int index, final int length, final double total, final float[] out, final int outIndex)
    {
        final int done = VECTOR ? VectorWeightedMean.divide(sums, index, length, total, out, outIndex) : 0;
        for (int j = done; j < length; j++)
        {
            out[outIndex + j] = (float)(sums[index + j] / total);
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
        final double[] weights,
        final double total)
    {
        double sum = 0;
        for (long bits = contributors; bits != 0; bits &= bits - 1)
        {
            final int p = Long.numberOfTrailingZeros(bits);
            sum = Math.fma((double)staging[base + p * length + j], weights[p], sum);
        }
        return (float)(sum / total);
    }

    /**
     * Writes each contributor's weight as a double into {@code scratch} (1 each when they add up to
     * zero) and returns their total.
     */
    private static double convertWeights(final long contributors, final long[] weights, final double[] scratch)
    {
        double total = 0;
        for (long bits = contributors; bits != 0; bits &= bits - 1)
        {
            total += weights[Long.numberOfTrailingZeros(bits)];
        }
        final boolean equal = total == 0;
        for (long bits = contributors; bits != 0; bits &= bits - 1)
        {
            final int p = Long.numberOfTrailingZeros(bits);
            scratch[p] = equal ? 1.0 : (double)weights[p];
        }
        return equal ? Long.bitCount(contributors) : total;
    }

    /** {@link #compare}: the same bits. */
    static final int IDENTICAL = 0;
    /** {@link #compare}: some bits differ, every element within the tolerance. */
    static final int WITHIN_TOLERANCE = 1;
    /** {@link #compare}: some element differs beyond the tolerance. */
    static final int DIFFERENT = 2;

    /** True when every element of the two ranges is equal within {@code tolerance}, relative. */
    static boolean agree(
        final float[] x, final int xIndex, final float[] y, final int yIndex, final int length, final double tolerance)
    {
        return compare(x, xIndex, y, yIndex, length, tolerance) != DIFFERENT;
    }

    /**
     * {@link #IDENTICAL}, {@link #WITHIN_TOLERANCE} (relative) or {@link #DIFFERENT}. Honest copies are
     * bit-identical, so the ranges are scanned with the vectorised {@link Arrays#mismatch} and only the
     * elements whose bits differ are compared with the tolerance.
     */
    static int compare(
        final float[] x, final int xIndex, final float[] y, final int yIndex, final int length, final double tolerance)
    {
        int outcome = IDENTICAL;
        int j = 0;
        while (j < length)
        {
            final int skip = Arrays.mismatch(x, xIndex + j, xIndex + length, y, yIndex + j, yIndex + length);
            if (skip < 0)
            {
                return outcome;
            }
            j += skip;
            if (!close(x[xIndex + j], y[yIndex + j], tolerance))
            {
                return DIFFERENT;
            }
            outcome = WITHIN_TOLERANCE;
            j++;
        }
        return outcome;
    }

    /** Equal within {@code tolerance} relative to the larger magnitude (both NaN never are). */
    static boolean close(final float a, final float b, final double tolerance)
    {
        return Math.abs((double)a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
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
            final double[] scratch = { 3, 5 };
            final float[] fast = new float[12];
            final float[] reference = new float[12];
            final int done = VectorWeightedMean.reduce(staging, 0, 12, 3, scratch, 8, fast, 0);
            reduceReference(staging, 0, 12, 3, weights, new double[2], reference, 0);
            return Arrays.equals(fast, 0, done, reference, 0, done);
        }
        catch (final Throwable ex)
        {
            return false;
        }
    }
}
