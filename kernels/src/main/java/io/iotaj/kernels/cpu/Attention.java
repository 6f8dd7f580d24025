package io.iotaj.kernels.cpu;

import io.iotaj.kernels.AttentionShape;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

import static io.iotaj.kernels.cpu.GemmKernel.MR;
import static io.iotaj.kernels.cpu.GemmKernel.NR;

/**
 * Causal grouped-query attention on register tiles. q, out [B, T, H, hd]; k, v [B, T, KV, hd]; lse [B, H, T]
 * (log-sum-exp of the scaled scores of each query row, saved for the backward pass, which recomputes the
 * probabilities from it).
 *
 * <p>Work is split over (batch, kv head): one task owns every writer of its dk/dv slice (the group of query heads
 * that share the kv head), so nothing races. Each task lays its K and V out once (as [hd, W] transposes and as
 * copies padded to whole register tiles), and every product runs through {@link TileKernel}'s MR x NR tile:
 * <ul>
 *   <li>forward, per query head and panel of MR rows: S = Q K^T over the keys up to the causal limit, masked
 *       softmax of each row in place (its lse saved), O = P V scaled by 1 / rowsum;</li>
 *   <li>backward, per query head and block of {@link #QUERY_BLOCK} rows: for each panel of MR rows P = exp(S - lse)
 *       and dS = P (dO V^T - D) * scale with D = rowsum(dO * O), then dQ = dS K; for the block dV += P^T dO and
 *       dK += dS^T Q over the keys it can see.</li>
 * </ul>
 * Per thread, at most one MR x T row panel (forward) or two {@link #QUERY_BLOCK} x T blocks (backward) of
 * scores exist at once, never a T x T matrix per head; the scratch is kept per thread and reused.
 */
final class Attention
{
    /** Query rows whose P and dS the backward keeps at once: the depth of the dK and dV products. A multiple of MR. */
    static final int QUERY_BLOCK = 16 * MR;

    /** Keys per block of the K and V transposes. */
    private static final int TRANSPOSE_KEYS = 16;

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = F.length();
    /** 0, 1, 2, ... per lane: compared with a row's causal limit to mask the lanes past it. */
    private static final FloatVector IOTA = FloatVector.fromArray(F, iota(LANES), 0);

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Attention()
    {
    }

    static void forward(final float[] q, final float[] k, final float[] v, final AttentionShape s,
        final float[] out, final float[] lse)
    {
        final int T = s.seq(), KV = s.kvHeads(), group = s.groupSize();
        Parallel.range(s.batch() * KV, 1, (from, to) ->
        {
            final Scratch w = SCRATCH.get().ensure(s);
            for (int bk = from; bk < to; bk++)
            {
                final int b = bk / KV, kvh = bk % KV;
                transpose(k, b, kvh, s, w.kT, w.width);
                pad(v, b, kvh, KV, s, w.vP, w.hdp, T);
                for (int h = kvh * group; h < (kvh + 1) * group; h++)
                {
                    pad(q, b, h, s.heads(), s, w.qP, w.hdp, w.rows);
                    for (int t0 = 0; t0 < T; t0 += MR)
                    {
                        forwardPanel(s, b, h, t0, w, out, lse);
                    }
                }
            }
        });
    }

    /**
     * Rows [t0, t0 + MR) of query head h: S = Q K^T into the row panel, softmax in place, O = P V.
     * Row panel layout: {@code w.panel[r * W + u]} for key u.
     */
    private static void forwardPanel(final AttentionShape s, final int b, final int h, final int t0, final Scratch w,
        final float[] out, final float[] lse)
    {
        final int T = s.seq(), H = s.heads(), hd = s.headDim(), W = w.width, hdp = w.hdp;
        final float scale = s.scale();
        final int rows = Math.min(MR, T - t0);
        final int n = t0 + rows;
        final float[] panel = w.panel;
        for (int u0 = 0; u0 < n; u0 += NR)
        {
            TileKernel.multiply(w.qP, t0 * hdp, 1, hdp, w.kT, u0, W, hd, panel, u0, W);
        }
        for (int r = 0; r < rows; r++)
        {
            final int t = t0 + r;
            final int row = r * W;
            final int len = t + 1;
            FloatVector mv = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            int u = 0;
            for (; u + LANES <= len; u += LANES)
            {
                mv = mv.max(FloatVector.fromArray(F, panel, row + u));
            }
            float max = mv.reduceLanes(VectorOperators.MAX);
            for (int tail = u; tail < len; tail++)
            {
                max = Math.max(max, panel[row + tail]);
            }
            final float shift = -max * scale;
            FloatVector sum = FloatVector.zero(F);
            for (u = 0; u + LANES <= len; u += LANES)
            {
                final FloatVector p = VectorMath.exp(FloatVector.fromArray(F, panel, row + u).fma(scale, shift));
                p.intoArray(panel, row + u);
                sum = sum.add(p);
            }
            if (u < len)
            {
                // W is a multiple of the vector length, so the last partial vector still lies inside the row.
                final FloatVector p = VectorMath.exp(FloatVector.fromArray(F, panel, row + u).fma(scale, shift))
                    .blend(0f, IOTA.compare(VectorOperators.GE, (float)(len - u)));
                p.intoArray(panel, row + u);
                sum = sum.add(p);
                u += LANES;
            }
            if (u < n)
            {
                Arrays.fill(panel, row + u, row + n, 0f);
            }
            final float total = sum.reduceLanes(VectorOperators.ADD);
            w.rowScale[r] = 1f / total;
            lse[(b * H + h) * T + t] = (float)(-shift + Math.log(total));
        }
        final float[] tile = w.tile;
        for (int i0 = 0; i0 < hd; i0 += NR)
        {
            TileKernel.multiply(panel, 0, 1, W, w.vP, i0, hdp, n, tile, 0, NR);
            for (int r = 0; r < rows; r++)
            {
                final float inv = w.rowScale[r];
                for (int j = 0; j < NR; j += LANES)
                {
                    FloatVector.fromArray(F, tile, r * NR + j).mul(inv).intoArray(tile, r * NR + j);
                }
            }
            GemmKernel.store(tile, rows, Math.min(NR, hd - i0), out, ((b * T + t0) * H + h) * hd + i0, H * hd, false);
        }
    }

    static void backward(final float[] q, final float[] k, final float[] v, final float[] out, final float[] lse,
        final float[] dOut, final AttentionShape s, final float[] dq, final float[] dk, final float[] dv)
    {
        final int T = s.seq(), H = s.heads(), KV = s.kvHeads(), hd = s.headDim(), group = s.groupSize();
        Parallel.range(s.batch() * KV, 1, (from, to) ->
        {
            final Scratch w = SCRATCH.get().ensure(s);
            for (int bk = from; bk < to; bk++)
            {
                final int b = bk / KV, kvh = bk % KV;
                transpose(k, b, kvh, s, w.kT, w.width);
                transpose(v, b, kvh, s, w.vT, w.width);
                pad(k, b, kvh, KV, s, w.kP, w.hdp, T);
                for (int u = 0; u < T; u++)
                {
                    final int ko = ((b * T + u) * KV + kvh) * hd;
                    Arrays.fill(dk, ko, ko + hd, 0f);
                    Arrays.fill(dv, ko, ko + hd, 0f);
                }
                for (int h = kvh * group; h < (kvh + 1) * group; h++)
                {
                    pad(q, b, h, H, s, w.qP, w.hdp, w.rows);
                    pad(dOut, b, h, H, s, w.doP, w.hdp, w.rows);
                    for (int t = 0; t < T; t++)
                    {
                        final int o = ((b * T + t) * H + h) * hd;
                        w.delta[t] = VectorMath.dot(dOut, o, out, o, hd);
                    }
                    for (int q0 = 0; q0 < T; q0 += QUERY_BLOCK)
                    {
                        backwardBlock(s, b, h, kvh, q0, Math.min(T, q0 + QUERY_BLOCK), w, lse, dq, dk, dv);
                    }
                }
            }
        });
    }

    /**
     * Query rows [q0, q1) of head h: P and dS of each MR-row panel into {@code w.p} and {@code w.ds}
     * ([QUERY_BLOCK, W], row t - q0), dQ of the panel, then dV and dK of every key the block sees.
     */
    private static void backwardBlock(final AttentionShape s, final int b, final int h, final int kvh,
        final int q0, final int q1, final Scratch w, final float[] lse, final float[] dq, final float[] dk,
        final float[] dv)
    {
        final int T = s.seq(), H = s.heads(), KV = s.kvHeads(), hd = s.headDim(), W = w.width, hdp = w.hdp;
        final float scale = s.scale();
        final float[] p = w.p, ds = w.ds, tile = w.tile, tile2 = w.tile2;
        for (int t0 = q0; t0 < q1; t0 += MR)
        {
            final int rows = Math.min(MR, T - t0);
            final int n = t0 + rows;
            for (int u0 = 0; u0 < n; u0 += NR)
            {
                TileKernel.multiply(w.qP, t0 * hdp, 1, hdp, w.kT, u0, W, hd, tile, 0, NR);
                TileKernel.multiply(w.doP, t0 * hdp, 1, hdp, w.vT, u0, W, hd, tile2, 0, NR);
                for (int r = 0; r < rows; r++)
                {
                    final int t = t0 + r;
                    final float shift = -lse[(b * H + h) * T + t];
                    final float delta = w.delta[t];
                    final int dst = (t - q0) * W + u0;
                    for (int j = 0; j < NR; j += LANES)
                    {
                        FloatVector pv = VectorMath.exp(FloatVector.fromArray(F, tile, r * NR + j).fma(scale, shift));
                        if (u0 + j + LANES - 1 > t)
                        {
                            pv = pv.blend(0f, IOTA.compare(VectorOperators.GT, (float)(t - u0 - j)));
                        }
                        final FloatVector dsv = FloatVector.fromArray(F, tile2, r * NR + j).sub(delta).mul(pv).mul(scale);
                        pv.intoArray(p, dst + j);
                        dsv.intoArray(ds, dst + j);
                    }
                }
            }
            for (int i0 = 0; i0 < hd; i0 += NR)
            {
                TileKernel.multiply(ds, (t0 - q0) * W, 1, W, w.kP, i0, hdp, n, tile, 0, NR);
                GemmKernel.store(tile, rows, Math.min(NR, hd - i0), dq, ((b * T + t0) * H + h) * hd + i0, H * hd,
                    false);
            }
        }
        // Key u sees query rows t >= u: rows [max(q0, u0), q1) of the block for the keys [u0, u0 + MR).
        for (int u0 = 0; u0 < q1; u0 += MR)
        {
            final int first = Math.max(q0, u0);
            final int depth = q1 - first;
            final int rows = Math.min(MR, q1 - u0);
            final int a = (first - q0) * W + u0;
            for (int i0 = 0; i0 < hd; i0 += NR)
            {
                final int cols = Math.min(NR, hd - i0);
                final int dst = ((b * T + u0) * KV + kvh) * hd + i0;
                TileKernel.multiply(p, a, W, 1, w.doP, first * hdp + i0, hdp, depth, tile, 0, NR);
                GemmKernel.store(tile, rows, cols, dv, dst, KV * hd, true);
                TileKernel.multiply(ds, a, W, 1, w.qP, first * hdp + i0, hdp, depth, tile, 0, NR);
                GemmKernel.store(tile, rows, cols, dk, dst, KV * hd, true);
            }
        }
    }

    /** dst[i * W + u] = src[(b, u, kvh, i)] for u < T, zero for u in [T, W): one kv head of one batch row as [hd, W]. */
    private static void transpose(final float[] src, final int b, final int kvh, final AttentionShape s,
        final float[] dst, final int W)
    {
        final int T = s.seq(), KV = s.kvHeads(), hd = s.headDim(), stride = KV * hd;
        // Blocks of TRANSPOSE_KEYS source rows (in L1) written TRANSPOSE_KEYS contiguous floats at a time.
        for (int u0 = 0; u0 < T; u0 += TRANSPOSE_KEYS)
        {
            final int u1 = Math.min(T, u0 + TRANSPOSE_KEYS);
            final int base = ((b * T + u0) * KV + kvh) * hd;
            for (int i = 0; i < hd; i++)
            {
                for (int u = u0, o = base + i; u < u1; u++, o += stride)
                {
                    dst[i * W + u] = src[o];
                }
            }
        }
        for (int i = 0; i < hd; i++)
        {
            Arrays.fill(dst, i * W + T, (i + 1) * W, 0f);
        }
    }

    /**
     * dst[t * hdp + i] = src[(b, t, head, i)] of an array with {@code heads} heads, for t < T; zero in the padding
     * columns [hd, hdp) and the padding rows [T, rows).
     */
    private static void pad(final float[] src, final int b, final int head, final int heads, final AttentionShape s,
        final float[] dst, final int hdp, final int rows)
    {
        final int T = s.seq(), hd = s.headDim();
        for (int t = 0; t < T; t++)
        {
            System.arraycopy(src, ((b * T + t) * heads + head) * hd, dst, t * hdp, hd);
            if (hdp > hd)
            {
                Arrays.fill(dst, t * hdp + hd, (t + 1) * hdp, 0f);
            }
        }
        Arrays.fill(dst, T * hdp, rows * hdp, 0f);
    }

    private static float[] iota(final int n)
    {
        final float[] values = new float[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = i;
        }
        return values;
    }

    /**
     * One thread's buffers, grown on demand and then reused. W (keys per row, with padding) is T rounded up to
     * whole MR panels and then to whole NR tiles; hdp is hd rounded up to whole NR tiles; rows is T rounded up to MR.
     */
    private static final class Scratch
    {
        int width;
        int hdp;
        int rows;
        final float[] tile = new float[MR * NR];
        final float[] tile2 = new float[MR * NR];
        final float[] rowScale = new float[MR];
        float[] kT = new float[0];
        float[] vT = new float[0];
        float[] kP = new float[0];
        float[] vP = new float[0];
        float[] qP = new float[0];
        float[] doP = new float[0];
        float[] delta = new float[0];
        float[] panel = new float[0];
        float[] p = new float[0];
        float[] ds = new float[0];

        Scratch ensure(final AttentionShape s)
        {
            final int T = s.seq(), hd = s.headDim();
            width = GemmKernel.roundUp(GemmKernel.roundUp(T, MR), NR);
            hdp = GemmKernel.roundUp(hd, NR);
            rows = GemmKernel.roundUp(T, MR);
            kT = grow(kT, hd * width);
            vT = grow(vT, hd * width);
            kP = grow(kP, T * hdp);
            vP = grow(vP, T * hdp);
            qP = grow(qP, rows * hdp);
            doP = grow(doP, rows * hdp);
            delta = grow(delta, T);
            panel = grow(panel, MR * width);
            p = grow(p, Math.min(QUERY_BLOCK, rows) * width);
            ds = grow(ds, Math.min(QUERY_BLOCK, rows) * width);
            return this;
        }

        private static float[] grow(final float[] array, final int length)
        {
            return array.length >= length ? array : new float[length];
        }
    }
}
