package io.iotaj.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * GEMM's register-blocked micro-kernel and the store of its tile into C.
 *
 * <p>Packed layouts it reads: an A panel is {@code kc} columns of {@link #MR} floats (column p of the panel
 * is {@code op(A)[i..i+MR, p]}); a B panel is {@code kc} rows of {@link #NR} floats. Each step p broadcasts
 * MR values of A against two vectors of B into {@code MR x 2} accumulators that stay in registers.
 */
final class GemmKernel
{
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    /** Rows of the micro tile. */
    static final int MR = 6;
    /** Columns of the micro tile: two vectors of the preferred species (32 floats with AVX-512). */
    static final int NR = 2 * LANES;

    private GemmKernel()
    {
    }

    static int roundUp(final int value, final int multiple)
    {
        return (value + multiple - 1) / multiple * multiple;
    }

    /**
     * {@code tile[MR, NR] = Apanel[kc, MR]^T * Bpanel[kc, NR]}. The kernel only writes a private tile, which
     * {@link #store} then merges into C: when the kernel itself also read C, C2 (JDK 17) compiled its loop
     * about four times slower. {@link TileKernel#multiply} is the same tile over strided operands; delegating
     * to it (strides MR, 1 and NR) made GEMM 10-15% slower on this box (2026-11-25, `bench kernels` A/B), as
     * the strides then are runtime values, so the packed kernel keeps its constant offsets.
     */
    static void multiply(
        final float[] pa, final int aIndex, final float[] pb, final int bIndex, final int kc, final float[] tile)
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

        int ai = aIndex;
        int bi = bIndex;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR)
        {
            final FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bi);
            final FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bi + LANES);
            FloatVector av = FloatVector.broadcast(SPECIES, pa[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(SPECIES, pa[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(SPECIES, pa[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(SPECIES, pa[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(SPECIES, pa[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(SPECIES, pa[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }

        c00.intoArray(tile, 0);
        c01.intoArray(tile, LANES);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + LANES);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + LANES);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + LANES);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + LANES);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + LANES);
    }

    /** Writes (or adds, when {@code add}) the top-left {@code rows x cols} of the tile to C at {@code cIndex}. */
    static void store(
        final float[] tile, final int rows, final int cols, final float[] c, final int cIndex, final int ldc,
        final boolean add)
    {
        if (rows == MR && cols == NR)
        {
            for (int r = 0, src = 0, dst = cIndex; r < MR; r++, dst += ldc)
            {
                for (int v = 0; v < NR; v += LANES, src += LANES)
                {
                    FloatVector sum = FloatVector.fromArray(SPECIES, tile, src);
                    if (add)
                    {
                        sum = sum.add(FloatVector.fromArray(SPECIES, c, dst + v));
                    }
                    sum.intoArray(c, dst + v);
                }
            }
            return;
        }
        for (int r = 0; r < rows; r++)
        {
            final int dst = cIndex + r * ldc;
            final int src = r * NR;
            if (add)
            {
                for (int col = 0; col < cols; col++)
                {
                    c[dst + col] += tile[src + col];
                }
            }
            else
            {
                System.arraycopy(tile, src, c, dst, cols);
            }
        }
    }
}
