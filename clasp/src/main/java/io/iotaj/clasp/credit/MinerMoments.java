package io.iotaj.clasp.credit;

import java.util.Arrays;

/** Per-miner running count, sum and sum of squares of one value; reused from estimate to estimate. */
final class MinerMoments
{
    private double[] sum = new double[0];
    private double[] sumSquares = new double[0];
    private long[] count = new long[0];

    /** Zeroes the first {@code miners} miners' sums, growing the arrays when needed. */
    void reset(final int miners)
    {
        if (sum.length < miners)
        {
            sum = new double[miners];
            sumSquares = new double[miners];
            count = new long[miners];
        }
        Arrays.fill(sum, 0, miners, 0);
        Arrays.fill(sumSquares, 0, miners, 0);
        Arrays.fill(count, 0, miners, 0);
    }

    void add(final int miner, final double value)
    {
        sum[miner] += value;
        sumSquares[miner] += value * value;
        count[miner]++;
    }

    long count(final int miner)
    {
        return count[miner];
    }

    double sum(final int miner)
    {
        return sum[miner];
    }

    double sumSquares(final int miner)
    {
        return sumSquares[miner];
    }

    /** Unbiased sample variance from sums; infinite when fewer than two samples. */
    static double variance(final double s, final double ss, final long n)
    {
        if (n < 2)
        {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0, (ss - s * s / n) / (n - 1));
    }
}
