package io.iotaj.clasp.credit;

import io.iotaj.clasp.ClaspEstimators;
import io.iotaj.clasp.ledger.PathwayBatch;
import io.iotaj.clasp.sim.AdversaryMix;
import io.iotaj.clasp.sim.SwarmSettings;
import io.iotaj.clasp.sim.SyntheticSwarm;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prints how long each estimator takes on 4 x 8 swarms of 2,000 and 5,000 samples, as the fastest of repeated
 * runs after warm-up (the least disturbed by other load on a shared machine) and as a ratio to the baseline
 * measured in the same run: one pass over the batch that
 * sums each miner's losses (the least any estimator must do). Asserts only that the estimates were made,
 * never a time.
 */
class EstimatorTimingTest
{
    private static final int RUNS = 31;

    @Test
    void printsEstimatorTimesAgainstASinglePassBaseline()
    {
        for (final int samples : new int[] {2000, 5000})
        {
            final SyntheticSwarm swarm = new SyntheticSwarm(new SwarmSettings().seed(1).samples(samples)
                .adversaries(AdversaryMix.parse("noise:2,lazy:1,stale:1,pair:1")));
            final PathwayBatch batch = new PathwayBatch(4, samples);
            swarm.generate(batch::add);
            final double baseline = fastestNanos(() -> onePass(batch));
            final StringBuilder line = new StringBuilder(String.format(
                "timing n=%d: baseline one pass %.3f ms", samples, baseline / 1e6));
            for (final String name : ClaspEstimators.NAMES)
            {
                final CreditEstimator estimator = ClaspEstimators.byName(name);
                final CreditReport report = new CreditReport();
                final double nanos = fastestNanos(() -> estimator.estimate(batch, report));
                assertTrue(report.miners() == 32);
                line.append(String.format("; %s %.3f ms (%.0fx)", name, nanos / 1e6, nanos / baseline));
            }
            System.out.println(line);
        }
    }

    private static double sink;

    private static void onePass(final PathwayBatch batch)
    {
        final double[] sums = new double[64];
        for (int i = 0; i < batch.size(); i++)
        {
            for (int s = 0; s < batch.stages(); s++)
            {
                sums[batch.miner(i, s) & 63] += batch.loss(i);
            }
        }
        sink += sums[0];
    }

    private static double fastestNanos(final Runnable task)
    {
        for (int i = 0; i < 10; i++)
        {
            task.run();
        }
        final long[] nanos = new long[RUNS];
        for (int r = 0; r < RUNS; r++)
        {
            final long start = System.nanoTime();
            task.run();
            nanos[r] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[0];
    }
}
