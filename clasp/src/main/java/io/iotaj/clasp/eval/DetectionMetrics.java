package io.iotaj.clasp.eval;

/**
 * Scores for attribution and detection against a known truth: ROC AUC of a suspicion score, the confusion
 * counts of a set of flags (precision, recall, false positive rate) and Spearman's rank correlation.
 * Plain functions over arrays; {@code positive[i]} marks planted adversaries.
 */
public final class DetectionMetrics
{
    private DetectionMetrics()
    {
    }

    /**
     * ROC AUC: the probability that a random positive scores above a random negative, ties counting half
     * (the Mann-Whitney statistic). NaN when there are no positives or no negatives.
     */
    public static double rocAuc(final double[] score, final boolean[] positive, final int n)
    {
        final double[] ranks = ranks(score, n);
        double positiveRankSum = 0;
        long positives = 0;
        for (int i = 0; i < n; i++)
        {
            if (positive[i])
            {
                positiveRankSum += ranks[i];
                positives++;
            }
        }
        final long negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /** Spearman's rho: Pearson correlation of average ranks (ties handled). NaN for constant input. */
    public static double spearman(final double[] a, final double[] b, final int n)
    {
        return pearson(ranks(a, n), ranks(b, n), n);
    }

    public static double pearson(final double[] a, final double[] b, final int n)
    {
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < n; i++)
        {
            meanA += a[i];
            meanB += b[i];
        }
        meanA /= n;
        meanB /= n;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < n; i++)
        {
            final double da = a[i] - meanA;
            final double db = b[i] - meanB;
            ab += da * db;
            aa += da * da;
            bb += db * db;
        }
        return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : Double.NaN;
    }

    /** Confusion counts of {@code flagged} against {@code positive}. */
    public static Confusion confusion(final boolean[] flagged, final boolean[] positive, final int n)
    {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (int i = 0; i < n; i++)
        {
            if (flagged[i])
            {
                tp += positive[i] ? 1 : 0;
                fp += positive[i] ? 0 : 1;
            }
            else
            {
                fn += positive[i] ? 1 : 0;
                tn += positive[i] ? 0 : 1;
            }
        }
        return new Confusion(tp, fp, fn, tn);
    }

    /** 1-based ranks, ties given their average rank. */
    static double[] ranks(final double[] values, final int n)
    {
        final Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
        final double[] ranks = new double[n];
        int i = 0;
        while (i < n)
        {
            int j = i;
            while (j + 1 < n && Double.compare(values[order[j + 1]], values[order[i]]) == 0)
            {
                j++;
            }
            final double average = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++)
            {
                ranks[order[k]] = average;
            }
            i = j + 1;
        }
        return ranks;
    }

    /** True/false positives/negatives with the usual ratios; a ratio with an empty denominator is NaN. */
    public static final class Confusion
    {
        public final int truePositives;
        public final int falsePositives;
        public final int falseNegatives;
        public final int trueNegatives;

        Confusion(final int truePositives, final int falsePositives, final int falseNegatives,
            final int trueNegatives)
        {
            this.truePositives = truePositives;
            this.falsePositives = falsePositives;
            this.falseNegatives = falseNegatives;
            this.trueNegatives = trueNegatives;
        }

        public double precision()
        {
            return ratio(truePositives, truePositives + falsePositives);
        }

        public double recall()
        {
            return ratio(truePositives, truePositives + falseNegatives);
        }

        public double falsePositiveRate()
        {
            return ratio(falsePositives, falsePositives + trueNegatives);
        }

        private static double ratio(final int num, final int den)
        {
            return den == 0 ? Double.NaN : (double)num / den;
        }
    }
}
