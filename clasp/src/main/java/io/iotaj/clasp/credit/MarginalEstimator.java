package io.iotaj.clasp.credit;

import io.iotaj.clasp.ledger.PathwayBatch;

import java.util.Arrays;

/**
 * Marginal credit: mean loss of the stage's pathways that avoid the miner minus mean loss of those through
 * it. Routing is random, so this is unbiased without modelling time, only noisier than the regressions.
 * The interval is Welch's: se = sqrt(var_with / n_with + var_without / n_without).
 */
public final class MarginalEstimator implements CreditEstimator
{
    private final double z;
    private double[] sum = new double[0];
    private double[] sumSquares = new double[0];
    private long[] count = new long[0];

    public MarginalEstimator(final double z)
    {
        this.z = z;
    }

    @Override
    public String name()
    {
        return "marginal";
    }

    @Override
    public void estimate(final PathwayBatch batch, final CreditReport into)
    {
        if (batch.size() == 0)
        {
            throw new IllegalArgumentException("cannot estimate credit from an empty batch");
        }
        final Roster roster = into.roster().rebuild(batch);
        final int miners = roster.size();
        if (sum.length < miners)
        {
            sum = new double[miners];
            sumSquares = new double[miners];
            count = new long[miners];
        }
        Arrays.fill(sum, 0, miners, 0);
        Arrays.fill(sumSquares, 0, miners, 0);
        Arrays.fill(count, 0, miners, 0);

        // Centre losses on the batch mean so the sums of squares keep their precision.
        final int n = batch.size();
        double mean = 0;
        for (int i = 0; i < n; i++)
        {
            mean += batch.loss(i);
        }
        mean /= n;
        double total = 0;
        double totalSquares = 0;
        for (int i = 0; i < n; i++)
        {
            final double y = batch.loss(i) - mean;
            total += y;
            totalSquares += y * y;
            for (int s = 0; s < batch.stages(); s++)
            {
                final int c = roster.column(s, batch.miner(i, s));
                sum[c] += y;
                sumSquares[c] += y * y;
                count[c]++;
            }
        }

        into.begin(name(), z, n);
        for (int c = 0; c < miners; c++)
        {
            final long nWith = count[c];
            final long nWithout = n - nWith;
            final double meanWith = sum[c] / nWith;
            final double meanWithout = nWithout > 0 ? (total - sum[c]) / nWithout : Double.NaN;
            final double varWith = variance(sum[c], sumSquares[c], nWith);
            final double varWithout = variance(total - sum[c], totalSquares - sumSquares[c], nWithout);
            final double se = Math.sqrt(varWith / nWith + varWithout / nWithout);
            into.setMiner(c, meanWithout - meanWith, se, nWith);
        }
    }

    /** Unbiased sample variance from sums; infinite when fewer than two samples. */
    private static double variance(final double s, final double ss, final long n)
    {
        if (n < 2)
        {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0, (ss - s * s / n) / (n - 1));
    }
}
