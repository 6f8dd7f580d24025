package io.iotaj.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import static io.iotaj.kernels.cpu.GemmKernel.MR;
import static io.iotaj.kernels.cpu.GemmKernel.NR;

/**
 * GEMM's register tile ({@link GemmKernel#MR} x {@link GemmKernel#NR}, broadcast A against two vectors of B) over
 * operands addressed by strides instead of packed panels, for products whose operands are already laid out well
 * enough in cache, or are small enough, that packing them would cost more than it saves (attention's tiles).
 *
 * <p>{@code A(p, r) = a[aIndex + p * aP + r * aR]}: with {@code aP = 1, aR = lda} A is row-major [MR, kc]; with
 * {@code aP = lda, aR = 1} it is the transpose of a row-major [kc, MR] slice. {@code B(p, j) = b[bIndex + p * bP + j]}
 * for j in [0, NR): rows of NR contiguous floats. The caller guarantees every one of those indices is in range.
 */
final class TileKernel
{
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private TileKernel()
    {
    }

    /** {@code c[cIndex + r * ldc + j] = sum_{p < kc} A(p, r) * B(p, j)} for r in [0, MR), j in [0, NR). */
    static void multiply(
        final float[] a, final int aIndex, final int aP, final int aR,
        final float[] b, final int bIndex, final int bP, final int kc,
        final float[] c, final int cIndex, final int ldc)
    {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);

        final int r1 = aR, r2 = 2 * aR, r3 = 3 * aR, r4 = 4 * aR, r5 = 5 * aR;
        int ai = aIndex;
        int bi = bIndex;
        for (int p = 0; p < kc; p++, ai += aP, bi += bP)
        {
            final FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            final FloatVector b1 = FloatVector.fromArray(SPECIES, b, bi + LANES);
            FloatVector av = FloatVector.broadcast(SPECIES, a[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(SPECIES, a[ai + r1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(SPECIES, a[ai + r2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(SPECIES, a[ai + r3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(SPECIES, a[ai + r4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(SPECIES, a[ai + r5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }

        c00.intoArray(c, cIndex);
        c01.intoArray(c, cIndex + LANES);
        c10.intoArray(c, cIndex + ldc);
        c11.intoArray(c, cIndex + ldc + LANES);
        c20.intoArray(c, cIndex + 2 * ldc);
        c21.intoArray(c, cIndex + 2 * ldc + LANES);
        c30.intoArray(c, cIndex + 3 * ldc);
        c31.intoArray(c, cIndex + 3 * ldc + LANES);
        c40.intoArray(c, cIndex + 4 * ldc);
        c41.intoArray(c, cIndex + 4 * ldc + LANES);
        c50.intoArray(c, cIndex + 5 * ldc);
        c51.intoArray(c, cIndex + 5 * ldc + LANES);
    }
}
