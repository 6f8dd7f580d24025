package io.iotaj.clasp.eval;

import io.iotaj.clasp.credit.CreditReport;
import io.iotaj.clasp.detect.DetectionReport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;

/**
 * How well one estimator's credits and flags match the truth, over the miners of one detection report.
 * The truth is given per miner id: its true credit (synthetic effects, or ablation in a real swarm) and
 * whether it is a planted adversary. A miner counts as flagged when it is excluded from emissions (flagged
 * alone or in a flagged pair); AUC ranks miners by suspicion.
 */
public final class EstimatorScore
{
    public final String estimator;
    public final double auc;
    public final double precision;
    public final double recall;
    public final double falsePositiveRate;
    public final double spearman;
    public final int flaggedPairs;

    private EstimatorScore(final String estimator, final double auc, final DetectionMetrics.Confusion confusion,
        final double spearman, final int flaggedPairs)
    {
        this.estimator = estimator;
        this.auc = auc;
        this.precision = confusion.precision();
        this.recall = confusion.recall();
        this.falsePositiveRate = confusion.falsePositiveRate();
        this.spearman = spearman;
        this.flaggedPairs = flaggedPairs;
    }

    public static EstimatorScore of(
        final DetectionReport detection, final IntToDoubleFunction trueCredit, final IntPredicate adversary)
    {
        final CreditReport credits = detection.credits();
        final int n = credits.miners();
        final double[] suspicion = new double[n];
        final double[] credit = new double[n];
        final double[] truth = new double[n];
        final boolean[] positive = new boolean[n];
        final boolean[] flagged = new boolean[n];
        for (int c = 0; c < n; c++)
        {
            final int id = credits.roster().minerId(c);
            suspicion[c] = detection.suspicion(c);
            credit[c] = credits.credit(c);
            truth[c] = trueCredit.applyAsDouble(id);
            positive[c] = adversary.test(id);
            flagged[c] = detection.excluded(c);
        }
        return new EstimatorScore(
            detection.estimator(),
            DetectionMetrics.rocAuc(suspicion, positive, n),
            DetectionMetrics.confusion(flagged, positive, n),
            DetectionMetrics.spearman(credit, truth, n),
            detection.flaggedPairs());
    }

    /** Field names as in {@code clasp-sim --json}. */
    public Map<String, Object> toMap()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("auc", auc);
        map.put("precision", precision);
        map.put("recall", recall);
        map.put("false_positive_rate", falsePositiveRate);
        map.put("spearman", spearman);
        map.put("flagged_pairs", flaggedPairs);
        return map;
    }
}
