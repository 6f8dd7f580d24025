package io.iotaj.clasp.eval;

import io.iotaj.clasp.credit.CreditEstimator;
import io.iotaj.clasp.credit.CreditReport;
import io.iotaj.clasp.detect.DetectionReport;
import io.iotaj.clasp.detect.ExploitDetector;
import io.iotaj.clasp.ledger.PathwayBatch;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Samples needed before each adversary is first excluded: the estimator and detector are rerun on growing
 * prefixes of a batch ({@code stride} more records each time) and the first prefix length that excludes
 * each adversary is recorded; -1 means never within the batch.
 */
public final class SamplesToFlag
{
    private SamplesToFlag()
    {
    }

    /**
     * @return for each miner id in [0, minerIds), the first prefix length that excludes it, or -1 (and -1 for
     * miners that are not adversaries).
     */
    public static int[] measure(
        final PathwayBatch batch,
        final CreditEstimator estimator,
        final ExploitDetector detector,
        final int stride,
        final int minerIds,
        final IntPredicate adversary)
    {
        final int[] first = new int[minerIds];
        Arrays.fill(first, -1);
        final PathwayBatch prefix = new PathwayBatch(batch.stages(), batch.size());
        final CreditReport credits = new CreditReport();
        final DetectionReport detection = new DetectionReport();
        int next = 0;
        for (int length = stride; length < batch.size() + stride; length += stride)
        {
            final int end = Math.min(length, batch.size());
            while (next < end)
            {
                prefix.addFrom(batch, next++);
            }
            estimator.estimate(prefix, credits);
            detector.detect(credits, detection);
            for (int c = 0; c < credits.miners(); c++)
            {
                final int id = credits.roster().minerId(c);
                if (id < minerIds && first[id] < 0 && adversary.test(id) && detection.excluded(c))
                {
                    first[id] = end;
                }
            }
        }
        return first;
    }
}
