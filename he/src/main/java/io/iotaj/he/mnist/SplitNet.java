package io.iotaj.he.mnist;

import java.util.SplittableRandom;

/**
 * The Syft paper's MNIST network: conv 1->16 k8 s2 p3, ReLU, max-pool 2 s1, conv 16->32 k4 s2, ReLU,
 * max-pool 2 s1, flatten (channel-major, 512), fc1 512->32, square, fc2 32->10. Weights use PyTorch's
 * layouts (out x in, conv out x in x kh x kw). Activations inside a batch are position-major with
 * channels last, so each convolution is im2col followed by one matrix product.
 */
public final class SplitNet
{
    public static final int C1 = 16;
    public static final int K1 = 8;
    public static final int S1 = 14;
    public static final int P1 = 13;
    public static final int C2 = 32;
    public static final int K2 = 4;
    public static final int S2 = 5;
    public static final int P2 = 4;
    public static final int FLAT = C2 * P2 * P2;
    public static final int HIDDEN = 32;
    public static final int CLASSES = 10;

    final float[] conv1W = new float[C1 * K1 * K1];
    final float[] conv1B = new float[C1];
    final float[] conv2W = new float[C2 * C1 * K2 * K2];
    final float[] conv2B = new float[C2];
    final float[] fc1W = new float[HIDDEN * FLAT];
    final float[] fc1B = new float[HIDDEN];
    final float[] fc2W = new float[CLASSES * HIDDEN];
    final float[] fc2B = new float[CLASSES];

    /** PyTorch's default initialisation: uniform in +-1/sqrt(fan_in) for weights and biases. */
    public static SplitNet initialised(final long seed)
    {
        final SplitNet net = new SplitNet();
        final SplittableRandom random = new SplittableRandom(seed);
        fill(random, net.conv1W, K1 * K1);
        fill(random, net.conv1B, K1 * K1);
        fill(random, net.conv2W, C1 * K2 * K2);
        fill(random, net.conv2B, C1 * K2 * K2);
        fill(random, net.fc1W, FLAT);
        fill(random, net.fc1B, FLAT);
        fill(random, net.fc2W, HIDDEN);
        fill(random, net.fc2B, HIDDEN);
        return net;
    }

    /** Every parameter tensor, in a fixed order (for the optimiser and the model file). */
    float[][] parameters()
    {
        return new float[][]{conv1W, conv1B, conv2W, conv2B, fc1W, fc1B, fc2W, fc2B};
    }

    public int parameterCount()
    {
        int count = 0;
        for (final float[] p : parameters())
        {
            count += p.length;
        }
        return count;
    }

    /** Parameters the data owner holds when it runs everything up to and including the split layer. */
    public int ownerParameterCount(final SplitPoint split)
    {
        final int convs = conv1W.length + conv1B.length + conv2W.length + conv2B.length;
        return split == SplitPoint.CONV2 ? convs : convs + fc1W.length + fc1B.length;
    }

    /** fc1 as an input-major matrix [512][32] for the encrypted product. */
    public double[][] fc1Matrix()
    {
        return inputMajor(fc1W, HIDDEN, FLAT);
    }

    public double[][] fc2Matrix()
    {
        return inputMajor(fc2W, CLASSES, HIDDEN);
    }

    public double[] fc1Bias()
    {
        return toDouble(fc1B);
    }

    public double[] fc2Bias()
    {
        return toDouble(fc2B);
    }

    /** What the data owner sends at this split for one image: the 512 pooled conv2 features or the 32 squared fc1 outputs. */
    public double[] features(final float[] image, final SplitPoint split)
    {
        final Pass pass = new Pass(this, 1);
        pass.forward(new float[][]{image});
        final double[] conv = toDouble(pass.flat);
        if (split == SplitPoint.CONV2)
        {
            return conv;
        }
        return squared(affine(conv, fc1W, fc1B, HIDDEN));
    }

    /** The model owner's layers in plain double arithmetic: what the ciphertext evaluation approximates. */
    public double[] head(final double[] features, final SplitPoint split)
    {
        final double[] hidden = split == SplitPoint.CONV2 ? squared(affine(features, fc1W, fc1B, HIDDEN)) : features;
        return affine(hidden, fc2W, fc2B, CLASSES);
    }

    /** Multiplies fc2 by factor: logits scale by it and every argmax stays the same. */
    void scaleOutput(final float factor)
    {
        for (int i = 0; i < fc2W.length; i++)
        {
            fc2W[i] *= factor;
        }
        for (int i = 0; i < fc2B.length; i++)
        {
            fc2B[i] *= factor;
        }
    }

    static double[] affine(final double[] x, final float[] w, final float[] b, final int out)
    {
        final int in = x.length;
        final double[] y = new double[out];
        for (int j = 0; j < out; j++)
        {
            double sum = b[j];
            for (int i = 0; i < in; i++)
            {
                sum += (double)w[j * in + i] * x[i];
            }
            y[j] = sum;
        }
        return y;
    }

    private static double[] squared(final double[] x)
    {
        final double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++)
        {
            y[i] = x[i] * x[i];
        }
        return y;
    }

    private static double[][] inputMajor(final float[] w, final int out, final int in)
    {
        final double[][] m = new double[in][out];
        for (int j = 0; j < out; j++)
        {
            for (int i = 0; i < in; i++)
            {
                m[i][j] = w[j * in + i];
            }
        }
        return m;
    }

    private static double[] toDouble(final float[] x)
    {
        final double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++)
        {
            y[i] = x[i];
        }
        return y;
    }

    private static void fill(final SplittableRandom random, final float[] values, final int fanIn)
    {
        final double bound = 1 / Math.sqrt(fanIn);
        for (int i = 0; i < values.length; i++)
        {
            values[i] = (float)((random.nextDouble() * 2 - 1) * bound);
        }
    }
}
