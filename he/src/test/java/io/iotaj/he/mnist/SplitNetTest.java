package io.iotaj.he.mnist;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitNetTest
{
    @Test
    void backwardMatchesFiniteDifferencesForEveryTensor()
    {
        final SplitNet net = SplitNet.initialised(3);
        final SplittableRandom random = new SplittableRandom(9);
        final int batch = 3;
        final float[][] images = new float[batch][IdxDataset.PIXELS];
        final int[] labels = new int[batch];
        for (int b = 0; b < batch; b++)
        {
            for (int p = 0; p < IdxDataset.PIXELS; p++)
            {
                images[b][p] = (float)random.nextDouble();
            }
            labels[b] = random.nextInt(10);
        }
        final Trainer trainer = new Trainer(net, batch, 0, false);
        final float[][] params = net.parameters();
        final float[][] grads = new float[params.length][];
        for (int t = 0; t < params.length; t++)
        {
            grads[t] = new float[params[t].length];
        }
        trainer.lossAndGradients(images, labels, grads);
        final float[][] scratch = new float[params.length][];
        for (int t = 0; t < params.length; t++)
        {
            scratch[t] = new float[params[t].length];
        }
        for (int t = 0; t < params.length; t++)
        {
            int checked = 0;
            for (int probe = 0; probe < 40 && checked < 4; probe++)
            {
                final int i = random.nextInt(params[t].length);
                if (Math.abs(grads[t][i]) < 1e-3)
                {
                    continue;
                }
                final float saved = params[t][i];
                final float eps = 3e-3f;
                params[t][i] = saved + eps;
                final double up = trainer.lossAndGradients(images, labels, scratch);
                params[t][i] = saved - eps;
                final double down = trainer.lossAndGradients(images, labels, scratch);
                params[t][i] = saved;
                final double numeric = (up - down) / (2 * eps);
                assertEquals(numeric, grads[t][i], 0.1 * Math.abs(numeric) + 3e-4, "tensor " + t + " index " + i);
                checked++;
            }
            assertTrue(checked > 0, "no gradient large enough to check in tensor " + t);
        }
    }

    @Test
    void parameterSharesOfTheTwoSplits()
    {
        final SplitNet net = new SplitNet();
        assertEquals(26010, net.parameterCount());
        assertEquals(9264, net.ownerParameterCount(SplitPoint.CONV2));
        assertEquals(25680, net.ownerParameterCount(SplitPoint.FC1));
    }

    @Test
    void fc1SplitFeaturesFeedTheSameLogitsAsTheConv2Split()
    {
        final SplitNet net = SplitNet.initialised(4);
        final float[] image = new float[IdxDataset.PIXELS];
        for (int p = 0; p < image.length; p++)
        {
            image[p] = (p % 7) / 7f;
        }
        final double[] viaConv2 = net.head(net.features(image, SplitPoint.CONV2), SplitPoint.CONV2);
        final double[] viaFc1 = net.head(net.features(image, SplitPoint.FC1), SplitPoint.FC1);
        for (int j = 0; j < 10; j++)
        {
            assertEquals(viaConv2[j], viaFc1[j], 1e-9);
        }
        assertEquals(512, net.features(image, SplitPoint.CONV2).length);
    }

    static Path mnistDir()
    {
        final String shared = System.getProperty("iotaj.shared.dir");
        return shared == null ? null : Path.of(shared, "data", "mnist");
    }
}
