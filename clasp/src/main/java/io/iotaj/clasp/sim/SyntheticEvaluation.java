package io.iotaj.clasp.sim;

import io.iotaj.clasp.ClaspEstimators;
import io.iotaj.clasp.credit.CreditEstimator;
import io.iotaj.clasp.credit.CreditReport;
import io.iotaj.clasp.detect.DetectionReport;
import io.iotaj.clasp.detect.ExploitDetector;
import io.iotaj.clasp.eval.EstimatorScore;
import io.iotaj.clasp.eval.SamplesToFlag;
import io.iotaj.clasp.ledger.PathwayBatch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs every estimator over one synthetic swarm's ledger and scores it against the generative truth:
 * AUC, precision, recall, false positive rate, Spearman of credit with true credit, samples to first flag
 * per adversary, and the estimate's CPU time.
 */
public final class SyntheticEvaluation
{
    private final SyntheticSwarm swarm;
    private final PathwayBatch batch;

    public SyntheticEvaluation(final SyntheticSwarm swarm)
    {
        this.swarm = swarm;
        this.batch = new PathwayBatch(swarm.stages(), swarm.settings().samples());
        swarm.generate(batch::add);
    }

    public PathwayBatch batch()
    {
        return batch;
    }

    /** Scores one estimator; {@code flagStride} is the prefix step for samples-to-flag (0 skips it). */
    public Map<String, Object> evaluate(final CreditEstimator estimator, final ExploitDetector detector,
        final int flagStride)
    {
        final CreditReport credits = new CreditReport();
        final DetectionReport detection = new DetectionReport();
        estimator.estimate(batch, credits);
        detector.detect(credits, detection);
        final EstimatorScore score = EstimatorScore.of(detection, swarm::credit, swarm::adversary);
        final Map<String, Object> result = score.toMap();
        result.put("planted_pair_flagged", plantedPairFlagged(detection));
        if (flagStride > 0)
        {
            final int[] first = SamplesToFlag.measure(
                batch, estimator, detector, flagStride, swarm.miners(), swarm::adversary);
            final Map<String, Object> perAdversary = new LinkedHashMap<>();
            for (int id = 0; id < swarm.miners(); id++)
            {
                if (swarm.adversary(id))
                {
                    perAdversary.put(swarm.behaviour(id).label() + ":" + id, first[id] < 0 ? null : first[id]);
                }
            }
            result.put("samples_to_flag", perAdversary);
        }
        result.put("estimate_ms", timeEstimate(estimator, credits));
        return result;
    }

    /** Every estimator with default settings, by name. */
    public Map<String, Object> evaluateAll(final int flagStride)
    {
        final Map<String, Object> estimators = new LinkedHashMap<>();
        for (final String name : ClaspEstimators.NAMES)
        {
            estimators.put(name, evaluate(ClaspEstimators.byName(name), ClaspEstimators.detector(), flagStride));
        }
        return estimators;
    }

    /** True when every planted pair was flagged as a pair. */
    private boolean plantedPairFlagged(final DetectionReport detection)
    {
        final CreditReport credits = detection.credits();
        boolean anyPair = false;
        for (int id = 0; id < swarm.miners(); id++)
        {
            final int partner = swarm.partner(id);
            if (partner > id)
            {
                anyPair = true;
                if (!pairFlagged(detection, credits, id, partner))
                {
                    return false;
                }
            }
        }
        return anyPair;
    }

    private static boolean pairFlagged(final DetectionReport detection, final CreditReport credits,
        final int first, final int second)
    {
        for (int p = 0; p < credits.pairs(); p++)
        {
            if (credits.roster().minerId(credits.pairFirstColumn(p)) == first &&
                credits.roster().minerId(credits.pairSecondColumn(p)) == second)
            {
                return detection.pairFlagged(p);
            }
        }
        return false;
    }

    /** Median wall time of repeated estimates after warm-up, in milliseconds. */
    private double timeEstimate(final CreditEstimator estimator, final CreditReport credits)
    {
        final int runs = 21;
        final long[] nanos = new long[runs];
        for (int warm = 0; warm < 10; warm++)
        {
            estimator.estimate(batch, credits);
        }
        for (int r = 0; r < runs; r++)
        {
            final long start = System.nanoTime();
            estimator.estimate(batch, credits);
            nanos[r] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);
        return nanos[runs / 2] / 1e6;
    }
}
