package io.iotaj.kernels.cpu;

import java.util.Arrays;
import java.util.function.IntConsumer;

import static io.iotaj.kernels.cpu.GemmKernel.NR;
import static io.iotaj.kernels.cpu.GemmKernel.MR;

/**
 * Single-precision GEMM on row-major {@code float[]}: {@code C[m,n] (+)= op(A)[m,k] * op(B)[k,n]}.
 *
 * <p>Goto/BLIS structure. The columns of C are cut into blocks of {@link #NC}, the shared dimension into
 * equal blocks of at most {@link #KC} and the rows into super-blocks of {@link #MB}. For each block the workers
 * first pack op(B) into panels {@link GemmKernel#NR} columns wide and op(A) into panels {@link GemmKernel#MR} rows tall
 * (packing absorbs the transposes, so the micro-kernel sees one layout for all four combinations, and zero
 * padding of edge panels lets it always run full tiles); then they share out C in row blocks of at most
 * {@link #MC} rows (L2-sized) and run the register-blocked micro-kernel over every (row panel, column panel) pair.
 */
public final class Gemm
{
    /**
     * Most depth of a packed block. Deep enough that the model's products (k = dim, ffn or batch rows) take one
     * pass over C: every further pass re-reads and re-writes all of C, and inside a stage C arrives cold from
     * memory (at depth 256 the tile stores took a fifth of a stage's samples and the stage ran about 20% slower).
     * A packed B panel ({@code KC x NR}) then streams from L2, which the micro-kernel's 12 FMAs per two B loads
     * absorb.
     */
    static final int KC = 1536;
    /** Most rows of C one compute task owns; its packed A ({@code MC x KC}) stays in L2. A multiple of MR. */
    static final int MC = 96;
    /** Columns of a packed B block ({@code KC x NC}). A multiple of NR. */
    static final int NC = 64 * NR;
    /**
     * Rows of a packed A super-block ({@code MB x KC}); bounds the packing memory (9 MB of packed A per calling
     * thread at most) while a whole batch of rows, or an ffn-wide weight gradient, stays one super-block.
     * A multiple of MC.
     */
    static final int MB = 16 * MC;
    /** Stored rows of A^T one packing task deals out (A^T rows are read whole, which the prefetcher likes). */
    private static final int TRANSPOSED_ROWS_PER_TASK = 32;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private Gemm()
    {
    }

    /**
     * {@code C[m,n] (+)= op(A)[m,k] * op(B)[k,n]}, all row-major and contiguous from their offsets.
     * Parallel over {@link GemmPool}'s threads when the product is large enough; safe to call from several
     * threads at once (each caller packs into its own buffers).
     *
     * @param transA     false: A is stored {@code [m,k]}; true: A is stored {@code [k,m]}.
     * @param transB     false: B is stored {@code [k,n]}; true: B is stored {@code [n,k]}.
     * @param accumulate true adds to C, false overwrites it (C is zeroed when k is 0).
     * @throws IllegalArgumentException on a negative size or an array too short for its offset and shape.
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
        final int threads = GemmPool.worthSplitting((long)m * n * k) ? GemmPool.threads() : 1;
        new Product(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, WORKSPACE.get(), threads)
            .run();
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

    private static int ceilDiv(final int value, final int divisor)
    {
        return (value + divisor - 1) / divisor;
    }

    /**
     * One call's state. The calling thread walks the blocks and, per block, runs a packing phase and a compute
     * phase over the pool; the block fields it sets are published to the workers by the pool's fork/join.
     */
    private static final class Product
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
        private final boolean accumulate;
        private final int threads;
        private final float[] packedA;
        private final float[] packedB;
        private final IntConsumer packTask = this::pack;
        private final IntConsumer computeTask = this::compute;

        private int j0;
        private int nc;
        private int p0;
        private int kc;
        private int i0;
        private int mb;
        private boolean add;
        private int packBTasks;
        private int rowPanels;
        private int rowBlocks;
        private int panelChunks;

        Product(
            final boolean transA, final boolean transB, final int m, final int n, final int k,
            final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
            final boolean accumulate, final Workspace callerSpace, final int threads)
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
            this.accumulate = accumulate;
            this.threads = threads;
            this.packedA = callerSpace.packedA(GemmKernel.roundUp(Math.min(m, MB), MR) * Math.min(k, KC));
            this.packedB = callerSpace.packedB(GemmKernel.roundUp(Math.min(n, NC), NR) * Math.min(k, KC));
        }

        void run()
        {
            // Equal blocks of at most KC: k = 1.5 KC gives two blocks of 0.75 KC, not KC and a thin 0.5 KC.
            final int kStep = ceilDiv(k, ceilDiv(k, KC));
            for (j0 = 0; j0 < n; j0 += NC)
            {
                nc = Math.min(NC, n - j0);
                for (p0 = 0; p0 < k; p0 += kStep)
                {
                    kc = Math.min(kStep, k - p0);
                    add = accumulate || p0 > 0;
                    for (i0 = 0; i0 < m; i0 += MB)
                    {
                        mb = Math.min(MB, m - i0);
                        // B is packed once per (column, k) block, together with the first rows' A.
                        packBTasks = i0 == 0 ? ceilDiv(nc, NR) : 0;
                        final int packATasks = transA ? ceilDiv(kc, TRANSPOSED_ROWS_PER_TASK) : ceilDiv(mb, MC);
                        GemmPool.forEach(packBTasks + packATasks, threads, packTask);

                        // Row blocks of at most MC rows, as many as a multiple of the thread count and cut at
                        // whole MR panels so that they differ by at most one panel: equal shares for every thread.
                        rowPanels = ceilDiv(mb, MR);
                        rowBlocks = GemmKernel.roundUp(ceilDiv(mb, MC), threads);
                        rowBlocks = Math.min(rowBlocks, rowPanels);
                        // Too few row blocks to keep every thread busy: also split each row block's column panels.
                        final int panels = ceilDiv(nc, NR);
                        final int wanted = threads == 1 ? 1 : 2 * threads;
                        panelChunks = Math.min(panels, Math.max(1, ceilDiv(wanted, rowBlocks)));
                        GemmPool.forEach(rowBlocks * panelChunks, threads, computeTask);
                    }
                }
            }
        }

        private void pack(final int task)
        {
            if (task < packBTasks)
            {
                packB(task);
            }
            else if (transA)
            {
                final int from = (task - packBTasks) * TRANSPOSED_ROWS_PER_TASK;
                packTransposedA(from, Math.min(kc, from + TRANSPOSED_ROWS_PER_TASK));
            }
            else
            {
                final int from = (task - packBTasks) * MC;
                packA(from, Math.min(mb, from + MC));
            }
        }

        /** Packs op(B)[p0:p0+kc, j0+panel*NR : +NR] as {@code kc} rows of NR floats, zero padded. */
        private void packB(final int panel)
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
                    final int src = bOff + (jStart + col) * k + p0;
                    for (int p = 0, dst = base + col; p < kc; p++, dst += NR)
                    {
                        packedB[dst] = col < cols ? b[src + p] : 0.0f;
                    }
                }
            }
        }

        /**
         * Packs rows {@code [from, to)} of the super-block of op(A) = A (stored [m,k]) into MR-row panels:
         * panel {@code r / MR} holds {@code kc} columns of MR floats. Rows past {@code mb} are zero padding.
         */
        private void packA(final int from, final int to)
        {
            final int paddedTo = to == mb ? GemmKernel.roundUp(mb, MR) : to;
            for (int i = from; i < paddedTo; i++)
            {
                final int base = i / MR * MR * kc + i % MR;
                final int src = aOff + (i0 + i) * k + p0;
                final boolean real = i < mb;
                for (int p = 0, dst = base; p < kc; p++, dst += MR)
                {
                    packedA[dst] = real ? a[src + p] : 0.0f;
                }
            }
        }

        /** Same layout as {@link #packA} for op(A) = A^T (A stored [k,m]): deals stored rows p in [from, to). */
        private void packTransposedA(final int from, final int to)
        {
            final int padded = GemmKernel.roundUp(mb, MR);
            for (int p = from; p < to; p++)
            {
                final int src = aOff + (p0 + p) * m + i0;
                for (int ir = 0; ir < padded; ir += MR)
                {
                    final int dst = ir * kc + p * MR;
                    for (int r = 0; r < MR; r++)
                    {
                        packedA[dst + r] = ir + r < mb ? a[src + ir + r] : 0.0f;
                    }
                }
            }
        }

        /** Computes one row block of C (or one chunk of its column panels) for the current block. */
        private void compute(final int task)
        {
            final int rowBlock = task / panelChunks;
            final int chunk = task % panelChunks;
            final int rowStart = (int)((long)rowPanels * rowBlock / rowBlocks) * MR;
            final int rowEnd = Math.min(mb, (int)((long)rowPanels * (rowBlock + 1) / rowBlocks) * MR);
            final int panels = ceilDiv(nc, NR);
            final int firstPanel = (int)((long)panels * chunk / panelChunks);
            final int endPanel = (int)((long)panels * (chunk + 1) / panelChunks);
            final float[] tile = WORKSPACE.get().tile;

            for (int panel = firstPanel; panel < endPanel; panel++)
            {
                final int jStart = j0 + panel * NR;
                final int cols = Math.min(NR, j0 + nc - jStart);
                final int bIndex = panel * NR * kc;
                for (int ir = rowStart; ir < rowEnd; ir += MR)
                {
                    final int rows = Math.min(MR, rowEnd - ir);
                    GemmKernel.multiply(packedA, ir * kc, packedB, bIndex, kc, tile);
                    GemmKernel.store(tile, rows, cols, c, cOff + (i0 + ir) * n + jStart, n, add);
                }
            }
        }
    }

    /** Per-thread buffers: a caller's packed blocks (grown on demand, then reused) and a worker's edge tile. */
    private static final class Workspace
    {
        final float[] tile = new float[MR * NR];
        private float[] packedA = new float[0];
        private float[] packedB = new float[0];

        float[] packedA(final int length)
        {
            if (packedA.length < length)
            {
                packedA = new float[length];
            }
            return packedA;
        }

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
