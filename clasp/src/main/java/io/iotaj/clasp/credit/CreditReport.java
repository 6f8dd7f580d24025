package io.iotaj.clasp.credit;

import java.util.Arrays;

/**
 * One estimator's answer for one batch: a credit per miner (and, for the interaction-aware estimator,
 * per adjacent-stage pair), each with a standard error, a two-sided confidence interval and the number of
 * samples behind it. Reused between calls.
 * <p>
 * Credit is in loss units and higher is better: it is how much lower the loss is when the miner (or the
 * pair) is on the pathway than on a pathway through an average peer of its stage.
 */
public final class CreditReport
{
    private final Roster roster = new Roster();
    private String estimator = "";
    private double z;
    private int samples;
    private double[] credit = new double[0];
    private double[] standardError = new double[0];
    private long[] count = new long[0];

    private int pairs;
    private int[] pairStage = new int[0];
    private int[] pairFirst = new int[0];
    private int[] pairSecond = new int[0];
    private double[] pairCredit = new double[0];
    private double[] pairStandardError = new double[0];
    private long[] pairCount = new long[0];

    /** Starts a new answer; the estimator has rebuilt {@link #roster()} already. */
    void begin(final String estimatorName, final double zScore, final int sampleCount)
    {
        estimator = estimatorName;
        z = zScore;
        samples = sampleCount;
        final int miners = roster.size();
        if (credit.length < miners)
        {
            credit = new double[miners];
            standardError = new double[miners];
            count = new long[miners];
        }
        Arrays.fill(count, 0, miners, 0);
        pairs = 0;
    }

    void setMiner(final int column, final double value, final double se, final long samplesWith)
    {
        credit[column] = value;
        standardError[column] = se;
        count[column] = samplesWith;
    }

    void addPair(final int stage, final int firstColumn, final int secondColumn,
        final double value, final double se, final long samplesWith)
    {
        if (pairs == pairCredit.length)
        {
            final int capacity = Math.max(16, pairs * 2);
            pairStage = Arrays.copyOf(pairStage, capacity);
            pairFirst = Arrays.copyOf(pairFirst, capacity);
            pairSecond = Arrays.copyOf(pairSecond, capacity);
            pairCredit = Arrays.copyOf(pairCredit, capacity);
            pairStandardError = Arrays.copyOf(pairStandardError, capacity);
            pairCount = Arrays.copyOf(pairCount, capacity);
        }
        pairStage[pairs] = stage;
        pairFirst[pairs] = firstColumn;
        pairSecond[pairs] = secondColumn;
        pairCredit[pairs] = value;
        pairStandardError[pairs] = se;
        pairCount[pairs] = samplesWith;
        pairs++;
    }

    public Roster roster()
    {
        return roster;
    }

    public String estimator()
    {
        return estimator;
    }

    /** The normal quantile of the intervals (1.96 for 95%). */
    public double z()
    {
        return z;
    }

    /** Records the estimate was made from. */
    public int samples()
    {
        return samples;
    }

    public int miners()
    {
        return roster.size();
    }

    public double credit(final int column)
    {
        return credit[column];
    }

    public double standardError(final int column)
    {
        return standardError[column];
    }

    public double lower(final int column)
    {
        return credit[column] - z * standardError[column];
    }

    public double upper(final int column)
    {
        return credit[column] + z * standardError[column];
    }

    public long samples(final int column)
    {
        return count[column];
    }

    /** Column of a miner at a stage, or -1. */
    public int column(final int stage, final int minerId)
    {
        return roster.column(stage, minerId);
    }

    public int pairs()
    {
        return pairs;
    }

    /** Stage of the pair's first miner; the second is at the next stage. */
    public int pairStage(final int pair)
    {
        return pairStage[pair];
    }

    public int pairFirstColumn(final int pair)
    {
        return pairFirst[pair];
    }

    public int pairSecondColumn(final int pair)
    {
        return pairSecond[pair];
    }

    public double pairCredit(final int pair)
    {
        return pairCredit[pair];
    }

    public double pairStandardError(final int pair)
    {
        return pairStandardError[pair];
    }

    public double pairLower(final int pair)
    {
        return pairCredit[pair] - z * pairStandardError[pair];
    }

    public double pairUpper(final int pair)
    {
        return pairCredit[pair] + z * pairStandardError[pair];
    }

    public long pairSamples(final int pair)
    {
        return pairCount[pair];
    }
}
