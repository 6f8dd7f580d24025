package io.iotaj.transport.allreduce;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD body of {@link WeightedMean#reduce}, in its own class so that nothing loads
 * {@code jdk.incubator.vector} when the module is absent. Each lane runs the scalar twin's chain of
 * double fused multiply-adds for its element, so the bits do not depend on the vector width.
 */
final class VectorWeightedMean
{
    /** Doubles as wide as the machine's vectors; floats with as many lanes, widened on load. */
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FLOATS =
        VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));

    private VectorWeightedMean()
    {
    }

    /**
     * Reduces elements {@code [0, n)}, n the largest multiple of the lane count not above
     * {@code length}, and returns n; the caller finishes the tail with the scalar twin.
     */
    static int reduce(
        final float[] staging,
        final int base,
        final int length,
        final long contributors,
        final double[] weights,
        final double total,
        final float[] out,
        final int outIndex)
    {
        final int lanes = FLOATS.length();
        final int bound = length - length % lanes;
        for (int j = 0; j < bound; j += lanes)
        {
            DoubleVector sum = DoubleVector.zero(DOUBLES);
            for (long bits = contributors; bits != 0; bits &= bits - 1)
            {
                final int p = Long.numberOfTrailingZeros(bits);
                final DoubleVector x = (DoubleVector)FloatVector.fromArray(FLOATS, staging, base + p * length + j)
                    .convertShape(VectorOperators.F2D, DOUBLES, 0);
                sum = x.fma(DoubleVector.broadcast(DOUBLES, weights[p]), sum);
            }
            ((FloatVector)sum.div(total).convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(out, outIndex + j);
        }
        return bound;
    }

    /** SIMD body of {@link WeightedMean#fold}; returns the elements done, as {@link #reduce} does. */
    static int fold(
        final float[] x, final int xIndex, final double weight, final double[] acc, final int accIndex, final int length, final boolean assign)
    {
        final int lanes = FLOATS.length();
        final int bound = length - length % lanes;
        final DoubleVector w = DoubleVector.broadcast(DOUBLES, weight);
        if (assign)
        {
            for (int j = 0; j < bound; j += lanes)
            {
                ((DoubleVector)FloatVector.fromArray(FLOATS, x, xIndex + j).convertShape(VectorOperators.F2D, DOUBLES, 0))
                    .mul(w).intoArray(acc, accIndex + j);
            }
            return bound;
        }
        for (int j = 0; j < bound; j += lanes)
        {
            ((DoubleVector)FloatVector.fromArray(FLOATS, x, xIndex + j).convertShape(VectorOperators.F2D, DOUBLES, 0))
                .fma(w, DoubleVector.fromArray(DOUBLES, acc, accIndex + j)).intoArray(acc, accIndex + j);
        }
        return bound;
    }

    /** SIMD body of {@link WeightedMean#divide}; returns the elements done, as {@link #reduce} does. */
    static int divide(final double[] acc, final int accIndex, final int length, final double total, final float[] out, final int outIndex)
    {
        final int lanes = FLOATS.length();
        final int bound = length - length % lanes;
        for (int j = 0; j < bound; j += lanes)
        {
            ((FloatVector)DoubleVector.fromArray(DOUBLES, acc, accIndex + j).div(total)
                .convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(out, outIndex + j);
        }
        return bound;
    }

    /** SIMD body of {@link WeightedMean#divide(float[], int, int, double, float[], int)}; returns the elements done. */
    static int divide(final float[] sums, final int index, final int length, final double total, final float[] out, final int outIndex)
    {
        final int lanes = FLOATS.length();
        final int bound = length - length % lanes;
        for (int j = 0; j < bound; j += lanes)
        {
            ((FloatVector)((DoubleVector)FloatVector.fromArray(FLOATS, sums, index + j).convertShape(VectorOperators.F2D, DOUBLES, 0))
                .div(total).convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(out, outIndex + j);
        }
        return bound;
    }
}
