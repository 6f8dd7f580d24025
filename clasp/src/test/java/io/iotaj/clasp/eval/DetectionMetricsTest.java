package io.iotaj.clasp.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectionMetricsTest
{
    private static final boolean[] LABELS = {false, true, false, true, false};

    @Test
    void aucIsOneForAPerfectRankingZeroForAReversedOneAndHalfForTies()
    {
        assertEquals(1.0, DetectionMetrics.rocAuc(new double[] {0, 5, 1, 4, 2}, LABELS, 5));
        assertEquals(0.0, DetectionMetrics.rocAuc(new double[] {9, 1, 8, 2, 7}, LABELS, 5));
        assertEquals(0.5, DetectionMetrics.rocAuc(new double[] {3, 3, 3, 3, 3}, LABELS, 5));
        // positives score 5 and 1; negatives 0, 2, 3: pairs won 3 + 1 = 4 of 6
        assertEquals(4.0 / 6, DetectionMetrics.rocAuc(new double[] {0, 5, 2, 1, 3}, LABELS, 5), 1e-12);
        assertTrue(Double.isNaN(DetectionMetrics.rocAuc(new double[] {1, 2}, new boolean[] {true, true}, 2)));
    }

    @Test
    void spearmanUsesAverageRanksForTies()
    {
        assertEquals(1.0, DetectionMetrics.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 400}, 4),
            1e-12);
        assertEquals(-1.0, DetectionMetrics.spearman(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1}, 4),
            1e-12);
        // ranks of b are 1, 2.5, 2.5, 4: pearson with 1, 2, 3, 4 is 4.5 / sqrt(5 * 4.5)
        assertEquals(4.5 / Math.sqrt(5 * 4.5),
            DetectionMetrics.spearman(new double[] {1, 2, 3, 4}, new double[] {1, 2, 2, 3}, 4), 1e-12);
    }

    @Test
    void confusionGivesPrecisionRecallAndFalsePositiveRate()
    {
        final DetectionMetrics.Confusion c = DetectionMetrics.confusion(
            new boolean[] {true, true, false, false, true}, LABELS, 5);
        assertEquals(1, c.truePositives);
        assertEquals(2, c.falsePositives);
        assertEquals(1, c.falseNegatives);
        assertEquals(1, c.trueNegatives);
        assertEquals(1.0 / 3, c.precision(), 1e-12);
        assertEquals(0.5, c.recall(), 1e-12);
        assertEquals(2.0 / 3, c.falsePositiveRate(), 1e-12);
        assertTrue(Double.isNaN(DetectionMetrics.confusion(new boolean[5], LABELS, 5).precision()));
    }
}
