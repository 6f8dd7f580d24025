package io.iotaj.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise activations and their derivatives over flat arrays of n elements. The sigmoids run on vectors
 * through {@link VectorMath#exp} (scalar tails through {@link Math#exp}).
 */
final class Elementwise
{
    private static final int GRAIN = 1 << 14;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final FloatVector ONE = FloatVector.broadcast(F, 1f);

    private Elementwise()
    {
    }

    static float sigmoid(final float x)
    {
        return (float)(1.0 / (1.0 + Math.exp(-x)));
    }

    /** out = silu(a) * b = a * b / (1 + e^-a). */
    static void swiglu(final float[] a, final float[] b, final float[] out, final int n)
    {
        Parallel.range(n, GRAIN, (from, to) ->
        {
            int i = from;
            for (final int bound = from + F.loopBound(to - from); i < bound; i += F.length())
            {
                final FloatVector x = FloatVector.fromArray(F, a, i);
                x.mul(FloatVector.fromArray(F, b, i)).div(VectorMath.exp(x.neg()).add(1f)).intoArray(out, i);
            }
            for (; i < to; i++)
            {
                out[i] = a[i] * sigmoid(a[i]) * b[i];
            }
        });
    }

    /** da = dOut * b * silu'(a), db = dOut * silu(a); silu'(a) = s (1 + a (1 - s)), s = sigmoid(a). */
    static void swigluBackward(final float[] a, final float[] b, final float[] dOut, final float[] da,
        final float[] db, final int n)
    {
        Parallel.range(n, GRAIN, (from, to) ->
        {
            int i = from;
            for (final int bound = from + F.loopBound(to - from); i < bound; i += F.length())
            {
                final FloatVector x = FloatVector.fromArray(F, a, i);
                final FloatVector g = FloatVector.fromArray(F, dOut, i);
                final FloatVector s = ONE.div(VectorMath.exp(x.neg()).add(1f));
                final FloatVector gs = g.mul(s);
                gs.mul(FloatVector.fromArray(F, b, i)).mul(ONE.sub(s).fma(x, ONE)).intoArray(da, i);
                gs.mul(x).intoArray(db, i);
            }
            for (; i < to; i++)
            {
                final float s = sigmoid(a[i]);
                da[i] = dOut[i] * b[i] * s * (1f + a[i] * (1f - s));
                db[i] = dOut[i] * a[i] * s;
            }
        });
    }

    /** out = silu(x) = x / (1 + e^-x). */
    static void silu(final float[] x, final float[] out, final int n)
    {
        Parallel.range(n, GRAIN, (from, to) ->
        {
            int i = from;
            for (final int bound = from + F.loopBound(to - from); i < bound; i += F.length())
            {
                final FloatVector v = FloatVector.fromArray(F, x, i);
                v.div(VectorMath.exp(v.neg()).add(1f)).intoArray(out, i);
            }
            for (; i < to; i++)
            {
                out[i] = x[i] * sigmoid(x[i]);
            }
        });
    }

    static void siluBackward(final float[] x, final float[] dOut, final float[] dx, final int n)
    {
        Parallel.range(n, GRAIN, (from, to) ->
        {
            int i = from;
            for (final int bound = from + F.loopBound(to - from); i < bound; i += F.length())
            {
                final FloatVector v = FloatVector.fromArray(F, x, i);
                final FloatVector s = ONE.div(VectorMath.exp(v.neg()).add(1f));
                FloatVector.fromArray(F, dOut, i).mul(s).mul(ONE.sub(s).fma(v, ONE)).intoArray(dx, i);
            }
            for (; i < to; i++)
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
