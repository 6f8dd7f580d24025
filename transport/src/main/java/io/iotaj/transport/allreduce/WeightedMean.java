package io.iotaj.transport.allreduce;

/**
 * The reduction kernel: a weighted mean over the contributors of one chunk, summed in double in
 * peer order so that every honest reducer produces the same bits.
 */
final class WeightedMean
{
    private WeightedMean()
    {
    }

    /**
     * out[outIndex + j] = sum_p w_p x_p[j] / sum_p w_p over the peers p whose bit is set in
     * {@code contributors}, where x_p[j] = staging[base + p * length + j]. When the contributors'
     * weights add up to zero they count equally.
     *
     * @param acc scratch of at least {@code length} doubles.
     */
    static void reduce(
        final float[] staging,
        final int base,
        final int length,
        final long contributors,
        final long[] weights,
        final double[] acc,
        final float[] out,
        final int outIndex)
    {
        double total = 0;
        for (long bits = contributors; bits != 0; bits &= bits - 1)
        {
            total += weights[Long.numberOfTrailingZeros(bits)];
        }
        final boolean equal = total == 0;
        if (equal)
        {
            total = Long.bitCount(contributors);
        }
        java.util.Arrays.fill(acc, 0, length, 0.0);
        for (long bits = contributors; bits != 0; bits &= bits - 1)
        {
            final int p = Long.numberOfTrailingZeros(bits);
            final double w = equal ? 1.0 : weights[p];
            final int from = base + p * length;
            for (int j = 0; j < length; j++)
            {
                acc[j] += w * staging[from + j];
            }
        }
        for (int j = 0; j < length; j++)
        {
            out[outIndex + j] = (float)(acc[j] / total);
        }
    }

    /** True when every element of the two ranges is equal within {@code tolerance}, relative. */
    static boolean agree(
        final float[] x, final int xIndex, final float[] y, final int yIndex, final int length, final double tolerance)
    {
        for (int j = 0; j < length; j++)
        {
            final float a = x[xIndex + j];
            final float b = y[yIndex + j];
            if (Float.floatToIntBits(a) != Float.floatToIntBits(b) &&
                !(Math.abs((double)a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b))))
            {
                return false;
            }
        }
        return true;
    }
}
