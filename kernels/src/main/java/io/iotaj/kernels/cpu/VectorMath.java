package io.iotaj.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Small Vector API loops over float arrays, with scalar tails. */
final class VectorMath
{
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private VectorMath()
    {
    }

    /** y[yo .. yo+n) += a * x[xo .. xo+n). */
    static void axpy(final float a, final float[] x, final int xo, final float[] y, final int yo, final int n)
    {
        final FloatVector av = FloatVector.broadcast(F, a);
        int i = 0;
        for (final int bound = F.loopBound(n); i < bound; i += F.length())
        {
            FloatVector.fromArray(F, x, xo + i).fma(av, FloatVector.fromArray(F, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++)
        {
            y[yo + i] += a * x[xo + i];
        }
    }

    /** Sum of x[xo+i] * y[yo+i] for i in [0, n). */
    static float dot(final float[] x, final int xo, final float[] y, final int yo, final int n)
    {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (final int bound = F.loopBound(n); i < bound; i += F.length())
        {
            acc = FloatVector.fromArray(F, x, xo + i).fma(FloatVector.fromArray(F, y, yo + i), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++)
        {
            s += x[xo + i] * y[yo + i];
        }
        return s;
    }
}
