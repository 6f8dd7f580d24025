package io.iotaj.clasp.stats;

import java.util.Arrays;

/** Median and median absolute deviation over a scratch array, and the normal distribution function. */
public final class RobustStatistics
{
    /** MAD times this estimates the standard deviation of normal data. */
    static final double MAD_TO_SIGMA = 1.4826;

    private RobustStatistics()
    {
    }

    /** Median of values[0, n); sorts that range in place. */
    public static double median(final double[] values, final int n)
    {
        Arrays.sort(values, 0, n);
        return (n & 1) == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
    }

    /** MAD of values[0, n) around {@code centre}, scaled to a standard deviation; overwrites values. */
    public static double scaledMad(final double[] values, final int n, final double centre)
    {
        for (int i = 0; i < n; i++)
        {
            values[i] = Math.abs(values[i] - centre);
        }
        return MAD_TO_SIGMA * median(values, n);
    }

    /** Standard normal cumulative distribution (Zelen and Severo 26.2.17, error below 7.5e-8). */
    public static double normalCdf(final double x)
    {
        if (Double.isNaN(x))
        {
            return Double.NaN;
        }
        final double t = 1.0 / (1.0 + 0.2316419 * Math.abs(x));
        final double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 +
            t * (-1.821255978 + t * 1.330274429))));
        final double tail = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) * poly;
        return x >= 0 ? 1.0 - tail : tail;
    }
}
