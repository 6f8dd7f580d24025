package io.iotaj.he.flow;

import io.iotaj.he.HeTestSupport;
import io.iotaj.he.linear.MatVecMethod;
import io.iotaj.he.mnist.IdxDataset;
import io.iotaj.he.mnist.SplitNet;
import io.iotaj.he.mnist.SplitPoint;
import io.iotaj.he.mnist.TrainedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The paper's payload and accuracy figures on a few real MNIST test digits with a briefly trained network. */
class PaperFiguresTest
{
    private static final int IMAGES = 12;
    private static SplitNet net;
    private static IdxDataset test;

    @BeforeAll
    static void train() throws Exception
    {
        final String shared = System.getProperty("iotaj.shared.dir");
        final Path dir = shared == null ? null : Path.of(shared, "data", "mnist");
        assumeTrue(IdxDataset.present(dir), "MNIST IDX files not found under iotaj.shared.dir/data/mnist; skipping");
        test = IdxDataset.test(dir);
        net = TrainedModel.load(IdxDataset.train(dir), 1, Path.of("target", "he-cache"), System.out::println);
    }

    @Test
    void conv2SplitPayloadsAndLogitsMatchThePaper() throws Exception
    {
        final InferenceReport report = SplitInference.run(net, test, SplitPoint.CONV2, MatVecMethod.BSGS, IMAGES,
            HeTestSupport.seededRandom(21), System.out::println);
        System.out.println(report.fields());
        assertNear(269.9 * 1024, report.number("activation_payload_bytes"), 0.03, "conv2 activation payload");
        assertNear(70_000, report.number("result_payload_bytes"), 0.05, "result payload");
        assertEquals(1.0, report.number("argmax_agreement"));
        assertTrue(report.number("max_logit_error") <= 0.05, "max logit error " + report.number("max_logit_error"));
        assertEquals(0, report.number("logits_over_bound"));
        assertEquals(9264 / 26010.0, report.number("owner_param_share"), 1e-12);
    }

    @Test
    void fc1SplitPayloadsAndLogitsMatchThePaper() throws Exception
    {
        final InferenceReport report = SplitInference.run(net, test, SplitPoint.FC1, MatVecMethod.DIAGONAL, IMAGES,
            HeTestSupport.seededRandom(22), System.out::println);
        assertNear(139.6 * 1024, report.number("activation_payload_bytes"), 0.03, "fc1 activation payload");
        assertNear(70_000, report.number("result_payload_bytes"), 0.05, "result payload");
        assertEquals(1.0, report.number("argmax_agreement"));
        assertTrue(report.number("max_logit_error") <= 0.01, "max logit error " + report.number("max_logit_error"));
        assertEquals(report.number("plain_accuracy"), report.number("encrypted_accuracy"));
    }

    private static void assertNear(final double expected, final double actual, final double relative, final String what)
    {
        assertTrue(Math.abs(actual - expected) <= relative * expected, what + ": " + actual + " vs " + expected);
    }
}
