package io.iotaj.clasp.credit;

import io.iotaj.clasp.ledger.PathwayBatch;

/**
 * Marginal credit: mean loss of the stage's pathways that avoid the miner minus mean loss of those through
 * it. Routing is random, so this is unbiased without modelling time, only noisier than the regressions.
 * The interval is Welch's: se = sqrt(var_with / n_with + var_without / n_without).
 */
public final class MarginalEstimator implements CreditEstimator
{
    private final double z;
    private final MinerMoments moments = new MinerMoments();

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
        moments.reset(miners);

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
                moments.add(roster.column(s, batch.miner(i, s)), y);
            }
        }

        into.begin(name(), z, n);
        for (int c = 0; c < miners; c++)
        {
            final long nWith = moments.count(c);
            final long nWithout = n - nWith;
            final double sumWith = moments.sum(c);
            final double meanWith = sumWith / nWith;
            final double meanWithout = nWithout > 0 ? (total - sumWith) / nWithout : Double.NaN;
            final double varWith = MinerMoments.variance(sumWith, moments.sumSquares(c), nWith);
            final double varWithout = MinerMoments.variance(total - sumWith, totalSquares - moments.sumSquares(c),
                nWithout);
            final double se = Math.sqrt(varWith / nWith + varWithout / nWithout);
            into.setMiner(c, meanWithout - meanWith, se, nWith);
        }
    }
}
