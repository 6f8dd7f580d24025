package io.iotaj.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
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

    private static final float LOG2E = 1.44269504088896341f;
    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer held in the low mantissa bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;

    /**
     * e^x lane by lane (Cephes expf: x = n ln2 + r with |r| <= ln2 / 2, a degree-6 polynomial for e^r, 2^n put
     * into the exponent bits); relative error about 2e-7. x is clamped to [-87.3, 88.3] first, so a result
     * never overflows to infinity and a very negative x gives about 1e-38 instead of an underflow.
     */
    static FloatVector exp(final FloatVector x)
    {
        final FloatVector xc = x.max(-87.3f).min(88.3f);
        final FloatVector rounded = xc.fma(LOG2E, ROUNDER);
        final FloatVector n = rounded.sub(ROUNDER);
        final IntVector ni = (IntVector)rounded.reinterpretAsInts();
        FloatVector r = n.fma(FloatVector.broadcast(F, -LN2_HI), xc);
        r = n.fma(FloatVector.broadcast(F, -LN2_LO), r);
        FloatVector p = r.fma(1.9875691500e-4f, 1.3981999507e-3f);
        p = p.fma(r, FloatVector.broadcast(F, 8.3334519073e-3f));
        p = p.fma(r, FloatVector.broadcast(F, 4.1665795894e-2f));
        p = p.fma(r, FloatVector.broadcast(F, 1.6666665459e-1f));
        p = p.fma(r, FloatVector.broadcast(F, 5.0000001201e-1f));
        p = p.mul(r.mul(r)).add(r).add(1f);
        final FloatVector twoToN = (FloatVector)ni.sub(ROUNDER_BITS - 127).lanewise(VectorOperators.LSHL, 23)
            .reinterpretAsFloats();
        return p.mul(twoToN);
    }
}
