package io.iotaj.clasp.credit;

import io.iotaj.clasp.ClaspEstimators;
import io.iotaj.clasp.detect.DetectionReport;
import io.iotaj.clasp.ledger.PathwayBatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EstimatorEdgeCaseTest
{
    @ParameterizedTest
    @ValueSource(strings = {"marginal", "additive", "interaction"})
    void emptyBatchIsRefusedAndTinyBatchesFlagNobody(final String name)
    {
        final CreditEstimator estimator = ClaspEstimators.byName(name);
        final CreditReport report = new CreditReport();
        assertThrows(IllegalArgumentException.class, () -> estimator.estimate(new PathwayBatch(2, 1), report));

        // one record; then a stage with a single miner
        final PathwayBatch batch = new PathwayBatch(2, 4);
        batch.add(0, 0, new int[] {5, 9}, 3.0);
        estimator.estimate(batch, report);
        assertEquals(2, report.miners());
        batch.add(1, 0, new int[] {6, 9}, 3.5);
        batch.add(2, 1, new int[] {5, 9}, 2.5);
        estimator.estimate(batch, report);
        assertEquals(3, report.miners());
        assertEquals(5, report.roster().minerId(report.column(0, 5)));
        assertEquals(-1, report.column(1, 5));

        final DetectionReport detection = new DetectionReport();
        ClaspEstimators.detector().detect(report, detection);
        for (int c = 0; c < report.miners(); c++)
        {
            assertFalse(detection.excluded(c));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"marginal", "additive", "interaction"})
    void aMinerAloneInItsStageIsNeverFlagged(final String name)
    {
        // one replica per stage (a lockstep swarm): every pathway is the same, so no miner has a peer to be
        // measured against, whatever the losses do over the run
        final PathwayBatch batch = new PathwayBatch(2, 64);
        for (int i = 0; i < 400; i++)
        {
            batch.add(i, i, new int[] {1, 2}, 5.0 - 0.01 * i + 0.3 * Math.sin(7.0 * i));
        }
        final CreditReport report = new CreditReport();
        ClaspEstimators.byName(name).estimate(batch, report);
        final DetectionReport detection = new DetectionReport();
        ClaspEstimators.detector().detect(report, detection);
        assertEquals(2, report.miners());
        for (int c = 0; c < report.miners(); c++)
        {
            assertFalse(detection.excluded(c), name + ": " + detection.describe());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void reusedEstimatorsGiveTheSameAnswerAsFreshOnes(final int stages)
    {
        final PathwayBatch big = new PathwayBatch(stages, 10);
        final PathwayBatch small = new PathwayBatch(stages, 10);
        final int[] pathway = new int[stages];
        for (int i = 0; i < 600; i++)
        {
            for (int s = 0; s < stages; s++)
            {
                pathway[s] = 10 * s + (i * (s + 3)) % 7;
            }
            big.add(i, i / 8, pathway, 2 + 0.01 * pathway[0] + Math.sin(i));
            if (i < 200)
            {
                small.add(i, i / 8, pathway, 2 + 0.01 * pathway[0] + Math.cos(i));
            }
        }
        final CreditEstimator reused = ClaspEstimators.byName("interaction");
        final CreditReport report = new CreditReport();
        reused.estimate(big, report);
        reused.estimate(small, report);
        final CreditReport fresh = new CreditReport();
        ClaspEstimators.byName("interaction").estimate(small, fresh);
        for (int c = 0; c < fresh.miners(); c++)
        {
            assertEquals(fresh.credit(c), report.credit(c), 1e-12);
            assertEquals(fresh.standardError(c), report.standardError(c), 1e-12);
        }
        assertEquals(fresh.pairs(), report.pairs());
    }
}
