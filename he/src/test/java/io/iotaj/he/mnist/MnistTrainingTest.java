package io.iotaj.he.mnist;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MnistTrainingTest
{
    @Test
    void oneEpochOnTheSharedSetLearnsCalibratesAndTheModelFileRoundTrips(@org.junit.jupiter.api.io.TempDir final Path tmp)
        throws Exception
    {
        final Path dir = SplitNetTest.mnistDir();
        assumeTrue(IdxDataset.present(dir), "MNIST IDX files not found under iotaj.shared.dir/data/mnist; skipping");
        final IdxDataset train = IdxDataset.train(dir);
        final IdxDataset test = IdxDataset.test(dir);
        assertEquals(784, train.image(0).length);
        final SplitNet net = TrainedModel.load(train, 1, Path.of("target", "he-cache"), System.out::println);
        int correct = 0;
        double maxLogit = 0;
        for (int i = 0; i < test.size(); i++)
        {
            final double[] logits = net.head(net.features(test.image(i), SplitPoint.FC1), SplitPoint.FC1);
            int best = 0;
            for (int j = 1; j < logits.length; j++)
            {
                best = logits[j] > logits[best] ? j : best;
            }
            correct += best == test.label(i) ? 1 : 0;
            for (final double logit : logits)
            {
                maxLogit = Math.max(maxLogit, Math.abs(logit));
            }
        }
        final double accuracy = correct / (double)test.size();
        System.out.printf("one epoch: test accuracy %.4f, max |logit| %.3f%n", accuracy, maxLogit);
        assertTrue(accuracy > 0.9, "accuracy " + accuracy);
        assertTrue(maxLogit < 16, "calibrated logits stay below 16: " + maxLogit);

        final Path file = tmp.resolve("net.bin");
        TrainedModel.write(net, file);
        final SplitNet back = TrainedModel.read(file);
        final double[] a = net.head(net.features(test.image(0), SplitPoint.CONV2), SplitPoint.CONV2);
        final double[] b = back.head(back.features(test.image(0), SplitPoint.CONV2), SplitPoint.CONV2);
        for (int j = 0; j < a.length; j++)
        {
            assertEquals(a[j], b[j], 0.0);
        }
    }
}
