package io.iotaj.kernels.cpu;

import io.iotaj.kernels.AdamWConfig;

/** AdamW with decoupled weight decay, and the sum of squares used for gradient-norm clipping. */
final class Optim
{
    private Optim()
    {
    }

    /** m, v updated in place; w = w (1 - lr wd) - lr mhat / (sqrt(vhat) + eps). step counts from 1. */
    static void adamw(final float[] w, final float[] g, final float[] m, final float[] v, final AdamWConfig hp,
        final int step, final int n)
    {
        final float b1 = hp.beta1(), b2 = hp.beta2();
        final float c1 = (float)(1.0 - Math.pow(b1, step));
        final float c2 = (float)(1.0 - Math.pow(b2, step));
        final float decay = 1f - hp.lr() * hp.weightDecay();
        final float lr = hp.lr(), eps = hp.eps();
        Parallel.range(n, 1 << 15, (from, to) ->
        {
            for (int i = from; i < to; i++)
            {
                m[i] = b1 * m[i] + (1f - b1) * g[i];
                v[i] = b2 * v[i] + (1f - b2) * g[i] * g[i];
                final float mhat = m[i] / c1;
                final float vhat = v[i] / c2;
                w[i] = w[i] * decay - lr * mhat / ((float)Math.sqrt(vhat) + eps);
            }
        });
    }

    static double sumSquares(final float[] x, final int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += (double)x[i] * x[i];
        }
        return s;
    }
}
