package io.iotaj.clasp.credit;

import io.iotaj.clasp.stats.RobustStatistics;

/**
 * Checks a regression's miner effects against each miner's own samples, for behaviours the regression's
 * form cannot express.
 * <p>
 * Routing picks each stage's miner independently of the others, so over a miner's samples the plain mean of
 * the loss net of the time intercept and of every other miner's fitted terms estimates the miner's effect
 * plus one constant per stage, whether or not losses add up along a pathway. It is several times noisier
 * than the fitted effect (every loss's whole variance is in it), but it is not biased by the model's form.
 * A miner that masks its upstream (replays old outputs) or hands upstream damage on untouched (skips its
 * work) is not additive, and its fitted effect can sit a few tenths of a nat from its marginal value; each
 * peer's stage-centred credit then moves by a replica's share of that gap.
 * <p>
 * So each miner's gap (own-sample mean minus fitted effect), less its stage's median gap (the constant), is
 * soft-thresholded at {@code z} standard errors of the mean and the excess becomes a correction to its
 * effect: a miner the model describes keeps its fitted effect; one whose own samples contradict it by far
 * is moved toward them. The estimator reports a corrected miner with its mean's standard error when larger.
 */
final class PathwayMeanCheck
{
    private final double z;
    private final MinerMoments moments = new MinerMoments();
    private double[] gap = new double[0];
    private double[] meanError = new double[0];
    private double[] correction = new double[0];
    private double[] scratch = new double[0];

    /** @param z soft threshold in standard errors; infinite turns the check off */
    PathwayMeanCheck(final double z)
    {
        if (!(z >= 0))
        {
            throw new IllegalArgumentException("pathway-mean check threshold must be non-negative, got " + z);
        }
        this.z = z;
    }

    boolean enabled()
    {
        return z != Double.POSITIVE_INFINITY;
    }

    void reset(final int miners)
    {
        moments.reset(miners);
        if (gap.length < miners)
        {
            gap = new double[miners];
            meanError = new double[miners];
            correction = new double[miners];
            scratch = new double[miners];
        }
    }

    /** One sample through {@code miner}: its loss net of the intercept and of every other miner's terms. */
    void add(final int miner, final double netLoss)
    {
        moments.add(miner, netLoss);
    }

    /**
     * Works out every miner's correction from what was added.
     *
     * @param effect the fitted effects, miner c's at {@code effect[offset + c]}
     */
    void solve(final Roster roster, final double[] effect, final int offset)
    {
        final int miners = roster.size();
        for (int c = 0; c < miners; c++)
        {
            correction[c] = 0;
            gap[c] = Double.NaN;
            meanError[c] = 0;
            final long n = moments.count(c);
            if (n >= 2)
            {
                final double variance = MinerMoments.variance(moments.sum(c), moments.sumSquares(c), n);
                meanError[c] = Math.sqrt(variance / n);
                gap[c] = moments.sum(c) / n - effect[offset + c];
            }
        }
        for (int stage = 0; stage < roster.stages(); stage++)
        {
            final int first = roster.firstColumn(stage);
            final int peers = roster.minersInStage(stage);
            int known = 0;
            for (int c = first; c < first + peers; c++)
            {
                if (!Double.isNaN(gap[c]))
                {
                    scratch[known++] = gap[c];
                }
            }
            if (known == 0)
            {
                continue;
            }
            final double common = RobustStatistics.median(scratch, known);
            for (int c = first; c < first + peers; c++)
            {
                if (!Double.isNaN(gap[c]))
                {
                    final double own = gap[c] - common;
                    correction[c] = Math.signum(own) * Math.max(0, Math.abs(own) - z * meanError[c]);
                }
            }
        }
    }

    /** Miner c's correction to its effect (loss units; 0 when its samples agree with the fit). */
    double correction(final int c)
    {
        return correction[c];
    }

    /** Standard error of miner c's own-sample mean. */
    double meanError(final int c)
    {
        return meanError[c];
    }
}
