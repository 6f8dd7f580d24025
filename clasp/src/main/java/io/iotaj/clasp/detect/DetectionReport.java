package io.iotaj.clasp.detect;

import io.iotaj.clasp.credit.CreditReport;

import java.util.Arrays;

/**
 * Which miners and pairs an {@link ExploitDetector} flagged from one {@link CreditReport}, and how sure it
 * is. A miner's robust deviation is (stage median - credit) / scale, so positive is worse than its peers;
 * its confidence is the probability, under its credit interval, that its true credit lies below the flag
 * threshold. Reused between calls; valid while the credit report it was made from is unchanged.
 */
public final class DetectionReport
{
    /**
     * How much further past its threshold a flagged miner must be than a pair it belongs to for the miner to
     * explain the pair: a miner that wrecks or masks its output lies tens of thresholds out, a colluding
     * pair's members about as far as the pair.
     */
    public static final double EXPLAIN_MARGIN = 2.0;

    private CreditReport credits;
    private double k;
    private double pairK;
    private int miners;
    private double[] stageMedian = new double[0];
    private double[] stageScale = new double[0];
    private double[] deviation = new double[0];
    private double[] confidence = new double[0];
    private boolean[] flagged = new boolean[0];
    private boolean[] inFlaggedPair = new boolean[0];
    private double[] pairDeviation = new double[0];
    private double[] pairConfidence = new double[0];
    private boolean[] pairFlagged = new boolean[0];

    void begin(final CreditReport source, final double kDeviations, final double pairKDeviations)
    {
        credits = source;
        k = kDeviations;
        pairK = pairKDeviations;
        miners = source.miners();
        if (deviation.length < miners)
        {
            stageMedian = new double[miners];
            stageScale = new double[miners];
            deviation = new double[miners];
            confidence = new double[miners];
            flagged = new boolean[miners];
            inFlaggedPair = new boolean[miners];
        }
        Arrays.fill(flagged, false);
        Arrays.fill(inFlaggedPair, false);
        final int pairs = source.pairs();
        if (pairDeviation.length < pairs)
        {
            pairDeviation = new double[pairs];
            pairConfidence = new double[pairs];
            pairFlagged = new boolean[pairs];
        }
        Arrays.fill(pairFlagged, false);
    }

    void setMiner(final int column, final double median, final double scale, final double robustDeviation,
        final double flagConfidence, final boolean flag)
    {
        stageMedian[column] = median;
        stageScale[column] = scale;
        deviation[column] = robustDeviation;
        confidence[column] = flagConfidence;
        flagged[column] = flag;
    }

    void setPair(final int pair, final double robustDeviation, final double flagConfidence, final boolean flag)
    {
        pairDeviation[pair] = robustDeviation;
        pairConfidence[pair] = flagConfidence;
        pairFlagged[pair] = flag;
        if (flag)
        {
            inFlaggedPair[credits.pairFirstColumn(pair)] = true;
            inFlaggedPair[credits.pairSecondColumn(pair)] = true;
        }
    }

    public CreditReport credits()
    {
        return credits;
    }

    public String estimator()
    {
        return credits.estimator();
    }

    public double k()
    {
        return k;
    }

    /** Robust deviations below the median pair at which a pair is flagged. */
    public double pairK()
    {
        return pairK;
    }

    public int miners()
    {
        return miners;
    }

    public double stageMedian(final int column)
    {
        return stageMedian[column];
    }

    public double stageScale(final int column)
    {
        return stageScale[column];
    }

    /** Robust deviations below the stage median (positive is worse). */
    public double deviation(final int column)
    {
        return deviation[column];
    }

    public double confidence(final int column)
    {
        return confidence[column];
    }

    /** Flagged on its own credit. */
    public boolean flagged(final int column)
    {
        return flagged[column];
    }

    /** Part of a flagged pair. */
    public boolean inFlaggedPair(final int column)
    {
        return inFlaggedPair[column];
    }

    /** Excluded from emissions: flagged alone or as part of a pair. */
    public boolean excluded(final int column)
    {
        return flagged[column] || inFlaggedPair[column];
    }

    /**
     * A ranking score for ROC curves, in units of the miner threshold k: the larger of the miner's own robust
     * deviation and, rescaled by k / pairK, that of the worst pair it belongs to, leaving out unflagged pairs
     * that its partner explains (see {@link #explains}). Flags start
     * where the suspicion passes k (given enough samples).
     */
    public double suspicion(final int column)
    {
        double worst = deviation[column] / k;
        for (int p = 0; p < credits.pairs(); p++)
        {
            final int first = credits.pairFirstColumn(p);
            final int second = credits.pairSecondColumn(p);
            if (first != column && second != column)
            {
                continue;
            }
            if (pairFlagged[p] || !explains(first == column ? second : first, pairDeviation[p]))
            {
                worst = Math.max(worst, pairDeviation[p] / pairK);
            }
        }
        return worst * k;
    }

    /**
     * True when the miner, flagged on its own, is at least {@link #EXPLAIN_MARGIN} times as far past its
     * threshold (deviation / k) as a pair with this robust deviation is past the pair threshold (deviation /
     * pairK), and so explains that pair (see {@link ExploitDetector}).
     */
    public boolean explains(final int column, final double pairDeviation)
    {
        return flagged[column] && deviation[column] / k >= EXPLAIN_MARGIN * pairDeviation / pairK;
    }

    public double pairDeviation(final int pair)
    {
        return pairDeviation[pair];
    }

    public double pairConfidence(final int pair)
    {
        return pairConfidence[pair];
    }

    public boolean pairFlagged(final int pair)
    {
        return pairFlagged[pair];
    }

    public int flaggedMiners()
    {
        int n = 0;
        for (int c = 0; c < miners; c++)
        {
            n += flagged[c] ? 1 : 0;
        }
        return n;
    }

    public int flaggedPairs()
    {
        int n = 0;
        for (int p = 0; p < credits.pairs(); p++)
        {
            n += pairFlagged[p] ? 1 : 0;
        }
        return n;
    }

    /** One line per flag, for logs and the command line. */
    public String describe()
    {
        final StringBuilder out = new StringBuilder();
        for (int c = 0; c < miners; c++)
        {
            if (flagged[c])
            {
                out.append(String.format(
                    "miner %d (stage %d) flagged by %s: credit %.4f [%.4f, %.4f], %.1f robust deviations " +
                    "below the stage median, confidence %.3f, %d samples%n",
                    credits.roster().minerId(c), credits.roster().stageOf(c), estimator(), credits.credit(c),
                    credits.lower(c), credits.upper(c), deviation[c], confidence[c], credits.samples(c)));
            }
        }
        for (int p = 0; p < credits.pairs(); p++)
        {
            if (pairFlagged[p])
            {
                out.append(String.format(
                    "pair %d-%d (stages %d-%d) flagged by %s: credit %.4f [%.4f, %.4f], %.1f robust deviations " +
                    "below the median pair, confidence %.3f, %d samples%n",
                    credits.roster().minerId(credits.pairFirstColumn(p)),
                    credits.roster().minerId(credits.pairSecondColumn(p)), credits.pairStage(p),
                    credits.pairStage(p) + 1, estimator(), credits.pairCredit(p), credits.pairLower(p),
                    credits.pairUpper(p), pairDeviation[p], pairConfidence[p], credits.pairSamples(p)));
            }
        }
        return out.toString();
    }
}
