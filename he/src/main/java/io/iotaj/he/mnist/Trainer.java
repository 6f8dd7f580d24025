package io.iotaj.he.mnist;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/** Mini-batch training of {@link SplitNet} with softmax cross-entropy and Adam (or plain SGD). */
public final class Trainer
{
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final SplitNet net;
    private final int batch;
    private final double learningRate;
    private final boolean adam;
    private final float[][] grads;
    private final float[][] m;
    private final float[][] v;
    private final Pass pass;
    private int step;

    public Trainer(final SplitNet net, final int batch, final double learningRate, final boolean adam)
    {
        this.net = net;
        this.batch = batch;
        this.learningRate = learningRate;
        this.adam = adam;
        final float[][] params = net.parameters();
        grads = new float[params.length][];
        m = new float[params.length][];
        v = new float[params.length][];
        for (int i = 0; i < params.length; i++)
        {
            grads[i] = new float[params[i].length];
            m[i] = new float[params[i].length];
            v[i] = new float[params[i].length];
        }
        pass = new Pass(net, batch);
    }

    /** One epoch over the data in a seeded shuffled order (a last partial batch is dropped); returns the mean loss. */
    public double epoch(final IdxDataset data, final long seed, final IntConsumer progress)
    {
        final int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++)
        {
            order[i] = i;
        }
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        final float[][] images = new float[batch][];
        final int[] labels = new int[batch];
        double total = 0;
        int batches = 0;
        for (int start = 0; start + batch <= order.length; start += batch)
        {
            for (int b = 0; b < batch; b++)
            {
                images[b] = data.image(order[start + b]);
                labels[b] = data.label(order[start + b]);
            }
            total += step(images, labels);
            batches++;
            progress.accept(start + batch);
        }
        return total / Math.max(1, batches);
    }

    /** One optimiser step on a batch; returns its loss. */
    public float step(final float[][] images, final int[] labels)
    {
        pass.forward(images);
        final float loss = pass.backward(labels, grads);
        step++;
        final float[][] params = net.parameters();
        final double correction1 = 1 - Math.pow(BETA1, step);
        final double correction2 = 1 - Math.pow(BETA2, step);
        for (int t = 0; t < params.length; t++)
        {
            final float[] p = params[t];
            final float[] g = grads[t];
            for (int i = 0; i < p.length; i++)
            {
                if (adam)
                {
                    m[t][i] = (float)(BETA1 * m[t][i] + (1 - BETA1) * g[i]);
                    v[t][i] = (float)(BETA2 * v[t][i] + (1 - BETA2) * g[i] * g[i]);
                    p[i] -= (float)(learningRate * (m[t][i] / correction1) / (Math.sqrt(v[t][i] / correction2) + EPSILON));
                }
                else
                {
                    p[i] -= (float)(learningRate * g[i]);
                }
            }
        }
        return loss;
    }

    /** Loss and gradients of one batch without updating (for gradient checks). */
    float lossAndGradients(final float[][] images, final int[] labels, final float[][] out)
    {
        pass.forward(images);
        return pass.backward(labels, out);
    }
}
