package io.iotaj.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Single-precision GEMM on row-major {@code float[]}: {@code C[m,n] (+)= op(A)[m,k] * op(B)[k,n]}.
 *
 * <p>Goto/BLIS structure: the columns of C are cut into blocks of {@link #NC}, the shared dimension into
 * blocks of {@link #KC}. For each (column block, k block) the caller packs op(B) into panels {@link #NR}
 * columns wide (all workers read it), then the rows of C are shared out in blocks of {@link #MC}; each worker
 * packs its op(A) block into panels {@link #MR} rows tall and runs the register-blocked micro-kernel
 * ({@code MR x NR} accumulators held in vector registers) over it. Packing absorbs the transposes, so the
 * micro-kernel sees one layout for all four combinations, and the zero padding of edge panels lets it
 * always run full tiles; edge tiles go through a small scratch tile.
 */
public final class Gemm
{
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    /** Rows of the micro tile. */
    static final int MR = 6;
    /** Columns of the micro tile: two vectors. */
    static final int NR = 2 * LANES;
    /** Depth of a packed block: one packed B panel ({@code KC x NR}) stays in L1. */
    static final int KC = 256;
    /** Rows of a packed A block ({@code MC x KC}, kept in L2); a multiple of MR. */
    static final int MC = 96;
    /** Columns of a packed B block ({@code KC x NC}, kept in L3); a multiple of NR. */
    static final int NC = 64 * NR;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private Gemm()
    {
    }

    /**
     * {@code C[m,n] (+)= op(A)[m,k] * op(B)[k,n]}, all row-major and contiguous from their offsets.
     *
     * @param transA     false: A is stored {@code [m,k]}; true: A is stored {@code [k,m]}.
     * @param transB     false: B is stored {@code [k,n]}; true: B is stored {@code [n,k]}.
     * @param accumulate true adds to C, false overwrites it (C is zeroed when k is 0).
     */
    public static void gemm(
        final boolean transA, final boolean transB, final int m, final int n, final int k,
        final float[] a, final int aOff, final float[] b, final int bOff,
        final float[] c, final int cOff, final boolean accumulate)
    {
        checkArguments(m, n, k, a, aOff, b, bOff, c, cOff);
        if (m == 0 || n == 0)
        {
            return;
        }
        if (k == 0)
        {
            if (!accumulate)
            {
                Arrays.fill(c, cOff, cOff + m * n, 0.0f);
            }
            return;
        }

        final boolean parallel = GemmPool.worthSplitting((long)m * n * k);
        final Workspace callerSpace = WORKSPACE.get();
        for (int j0 = 0; j0 < n; j0 += NC)
        {
            final int nc = Math.min(NC, n - j0);
            for (int p0 = 0; p0 < k; p0 += KC)
            {
                final int kc = Math.min(KC, k - p0);
                final boolean add = accumulate || p0 > 0;
                final float[] packedB = callerSpace.packedB(roundUp(nc, NR) * kc);
                final int panels = (nc + NR - 1) / NR;
                final Block block = new Block(
                    transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, j0, nc, p0, kc, add, packedB);
                if (parallel)
                {
                    GemmPool.forEach(panels, block::packB);
                    GemmPool.forEach(block.computeTasks(GemmPool.threads()), block::compute);
                }
                else
                {
                    for (int panel = 0; panel < panels; panel++)
                    {
                        block.packB(panel);
                    }
                    final int tasks = block.computeTasks(1);
                    for (int task = 0; task < tasks; task++)
                    {
                        block.compute(task);
                    }
                }
            }
        }
    }

    private static void checkArguments(
        final int m, final int n, final int k,
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff)
    {
        if (m < 0 || n < 0 || k < 0)
        {
            throw new IllegalArgumentException("gemm: negative size m=" + m + " n=" + n + " k=" + k);
        }
        checkRange("A", a, aOff, (long)m * k);
        checkRange("B", b, bOff, (long)k * n);
        checkRange("C", c, cOff, (long)m * n);
    }

    private static void checkRange(final String name, final float[] array, final int offset, final long length)
    {
        if (offset < 0 || offset + length > array.length)
        {
            throw new IllegalArgumentException("gemm: " + name + " needs " + length + " floats from offset " +
                offset + " but has " + array.length);
        }
    }

    private static int roundUp(final int value, final int multiple)
    {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** One (column block, k block) step of the product: packs its B and computes its share of C. */
    private static final class Block
    {
        private final boolean transA;
        private final boolean transB;
        private final int m;
        private final int n;
        private final int k;
        private final float[] a;
        private final int aOff;
        private final float[] b;
        private final int bOff;
        private final float[] c;
        private final int cOff;
        private final int j0;
        private final int nc;
        private final int p0;
        private final int kc;
        private final boolean add;
        private final float[] packedB;
        private int rowBlocks;
        private int panelChunks;

        Block(
            final boolean transA, final boolean transB, final int m, final int n, final int k,
            final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
            final int j0, final int nc, final int p0, final int kc, final boolean add, final float[] packedB)
        {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.a = a;
            this.aOff = aOff;
            this.b = b;
            this.bOff = bOff;
            this.c = c;
            this.cOff = cOff;
            this.j0 = j0;
            this.nc = nc;
            this.p0 = p0;
            this.kc = kc;
            this.add = add;
            this.packedB = packedB;
        }

        /**
         * Splits C's rows into MC blocks, and each row block's panels into chunks when there are too few row
         * blocks to keep {@code threads} busy. Returns the number of tasks.
         */
        int computeTasks(final int threads)
        {
            rowBlocks = (m + MC - 1) / MC;
            final int panels = (nc + NR - 1) / NR;
            final int wanted = threads == 1 ? 1 : 2 * threads;
            panelChunks = Math.min(panels, Math.max(1, (wanted + rowBlocks - 1) / rowBlocks));
            return rowBlocks * panelChunks;
        }

        /** Packs op(B)[p0:p0+kc, j0+panel*NR : +NR] as {@code kc} rows of NR floats, zero padded. */
        void packB(final int panel)
        {
            final int jStart = j0 + panel * NR;
            final int cols = Math.min(NR, j0 + nc - jStart);
            final int base = panel * NR * kc;
            if (!transB)
            {
                int src = bOff + p0 * n + jStart;
                for (int p = 0, dst = base; p < kc; p++, dst += NR, src += n)
                {
                    System.arraycopy(b, src, packedB, dst, cols);
                    if (cols < NR)
                    {
                        Arrays.fill(packedB, dst + cols, dst + NR, 0.0f);
                    }
                }
            }
            else
            {
                for (int col = 0; col < NR; col++)
                {
                    if (col < cols)
                    {
                        final int src = bOff + (jStart + col) * k + p0;
                        for (int p = 0; p < kc; p++)
                        {
                            packedB[base + p * NR + col] = b[src + p];
                        }
                    }
                    else
                    {
                        for (int p = 0; p < kc; p++)
                        {
                            packedB[base + p * NR + col] = 0.0f;
                        }
                    }
                }
            }
        }

        /** Computes one row block (or one chunk of its panels) of C for this k block. */
        void compute(final int task)
        {
            final int rowBlock = task / panelChunks;
            final int chunk = task % panelChunks;
            final int i0 = rowBlock * MC;
            final int mc = Math.min(MC, m - i0);
            final int panels = (nc + NR - 1) / NR;
            final int firstPanel = (int)((long)panels * chunk / panelChunks);
            final int endPanel = (int)((long)panels * (chunk + 1) / panelChunks);

            final Workspace space = WORKSPACE.get();
            final float[] packedA = space.packedA;
            final float[] tile = space.tile;
            packA(packedA, i0, mc);

            for (int panel = firstPanel; panel < endPanel; panel++)
            {
                final int jStart = j0 + panel * NR;
                final int cols = Math.min(NR, j0 + nc - jStart);
                final int bIndex = panel * NR * kc;
                for (int ir = 0; ir < mc; ir += MR)
                {
                    final int rows = Math.min(MR, mc - ir);
                    final int aIndex = ir * kc;
                    final int cIndex = cOff + (i0 + ir) * n + jStart;
                    microKernel(packedA, aIndex, packedB, bIndex, kc, tile);
                    if (rows == MR && cols == NR)
                    {
                        storeTile(tile, cIndex);
                    }
                    else
                    {
                        storeEdge(tile, rows, cols, cIndex);
                    }
                }
            }
        }

        /** Packs op(A)[i0:i0+mc, p0:p0+kc] as panels of MR rows: each panel is {@code kc} columns of MR floats. */
        private void packA(final float[] packedA, final int i0, final int mc)
        {
            for (int ir = 0; ir < mc; ir += MR)
            {
                final int rows = Math.min(MR, mc - ir);
                final int base = ir * kc;
                if (!transA)
                {
                    for (int r = 0; r < MR; r++)
                    {
                        if (r < rows)
                        {
                            final int src = aOff + (i0 + ir + r) * k + p0;
                            for (int p = 0; p < kc; p++)
                            {
                                packedA[base + p * MR + r] = a[src + p];
                            }
                        }
                        else
                        {
                            for (int p = 0; p < kc; p++)
                            {
                                packedA[base + p * MR + r] = 0.0f;
                            }
                        }
                    }
                }
                else
                {
                    int src = aOff + p0 * m + i0 + ir;
                    for (int p = 0, dst = base; p < kc; p++, dst += MR, src += m)
                    {
                        System.arraycopy(a, src, packedA, dst, rows);
                        if (rows < MR)
                        {
                            Arrays.fill(packedA, dst + rows, dst + MR, 0.0f);
                        }
                    }
                }
            }
        }

        private void storeTile(final float[] tile, final int cIndex)
        {
            for (int r = 0, src = 0, dst = cIndex; r < MR; r++, dst += n)
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
        }

        private void storeEdge(final float[] tile, final int rows, final int cols, final int cIndex)
        {
            for (int r = 0; r < rows; r++)
            {
                final int dst = cIndex + r * n;
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

    /**
     * The register-blocked inner product: {@code tile[6, 2 vectors] = Apanel[kc, 6]^T * Bpanel[kc, 2 vectors]},
     * twelve accumulators live in registers for the whole k loop. It only stores to a private tile that the
     * caller then adds to C: when the kernel itself read C, C2 (JDK 17) compiled its loop four times slower.
     */
    private static void microKernel(
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

    /** Per-thread packing space: the caller's packed B block and each worker's packed A block and edge tile. */
    private static final class Workspace
    {
        final float[] packedA = new float[MC * KC];
        final float[] tile = new float[MR * NR];
        private float[] packedB = new float[0];

        float[] packedB(final int length)
        {
            if (packedB.length < length)
            {
                packedB = new float[length];
            }
            return packedB;
        }
    }
}
