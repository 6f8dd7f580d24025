package io.iotaj.kernels.cpu;

/** Elementwise activations and their derivatives over flat arrays of n elements. */
final class Elementwise
{
    private static final int GRAIN = 1 << 14;

    private Elementwise()
    {
    }

    static float sigmoid(final float x)
    {
        return (float)(1.0 / (1.0 + Math.exp(-x)));
    }

    /** out = silu(a) * b. */
    static void swiglu(final float[] a, final float[] b, final float[] out, final int n)
    {
        Parallel.range(n, GRAIN, (from, to) ->
        {
            for (int i = from; i < to; i++)
            {
                out[i] = a[i] * sigmoid(a[i]) * b[i];
            }
        });
    }

    /** da = dOut * b * silu'(a), db = dOut * silu(a); silu'(a) = s (1 + a (1 - s)). */
    static void swigluBackward(final float[] a, final float[] b, final float[] dOut, final float[] da,
        final float[] db, final int n)
    {
        Parallel.range(n, GRAIN, (from, to) ->
        {
            for (int i = from; i < to; i++)
            {
                final float s = sigmoid(a[i]);
                da[i] = dOut[i] * b[i] * s * (1f + a[i] * (1f - s));
                db[i] = dOut[i] * a[i] * s;
            }
        });
    }

    static void silu(final float[] x, final float[] out, final int n)
    {
        Parallel.range(n, GRAIN, (from, to) ->
        {
            for (int i = from; i < to; i++)
            {
                out[i] = x[i] * sigmoid(x[i]);
            }
        });
    }

    static void siluBackward(final float[] x, final float[] dOut, final float[] dx, final int n)
    {
        Parallel.range(n, GRAIN, (from, to) ->
        {
            for (int i = from; i < to; i++)
            {
                final float s = sigmoid(x[i]);
                dx[i] = dOut[i] * s * (1f + x[i] * (1f - s));
            }
        });
    }

    static void relu(final float[] x, final float[] out, final int n)
    {
        for (int i = 0; i < n; i++)
        {
            out[i] = Math.max(x[i], 0f);
        }
    }

    static void reluBackward(final float[] x, final float[] dOut, final float[] dx, final int n)
    {
        for (int i = 0; i < n; i++)
        {
            dx[i] = x[i] > 0f ? dOut[i] : 0f;
        }
    }

    static void add(final float[] x, final float[] y, final float[] out, final int n)
    {
        for (int i = 0; i < n; i++)
        {
            out[i] = x[i] + y[i];
        }
    }
}
