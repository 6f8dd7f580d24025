package io.iotaj.kernels.cpu;

import io.iotaj.kernels.AttentionShape;

import java.util.Arrays;

/**
 * Causal grouped-query attention, flash-style: each query row's scores live in one row buffer of length
 * seq per thread (never a seq x seq matrix), and the backward pass recomputes probabilities from the
 * saved log-sum-exp. q, out [B, T, H, hd]; k, v [B, T, KV, hd]; lse [B, H, T].
 * <p>
 * Work is split over (batch, kv head): one task owns every writer of its dk/dv slice, and transposes its
 * K and V once into [hd, T] so that scores and dO.V run across keys as broadcast-FMAs, without per-key
 * lane reductions.
 */
final class Attention
{
    private Attention()
    {
    }

    static void forward(final float[] q, final float[] k, final float[] v, final AttentionShape s,
        final float[] out, final float[] lse)
    {
        final int T = s.seq(), H = s.heads(), KV = s.kvHeads(), hd = s.headDim(), group = s.groupSize();
        final float scale = s.scale();
        Parallel.range(s.batch() * KV, 1, (from, to) ->
        {
            final float[] kT = new float[hd * T];
            final float[] p = new float[T];
            for (int bk = from; bk < to; bk++)
            {
                final int b = bk / KV, kvh = bk % KV;
                transpose(k, b, kvh, T, KV, hd, kT);
                for (int h = kvh * group; h < (kvh + 1) * group; h++)
                {
                    for (int t = 0; t < T; t++)
                    {
                        final int qo = ((b * T + t) * H + h) * hd;
                        scores(q, qo, scale, kT, T, hd, t + 1, p);
                        float max = Float.NEGATIVE_INFINITY;
                        for (int u = 0; u <= t; u++)
                        {
                            max = Math.max(max, p[u]);
                        }
                        double sum = 0;
                        for (int u = 0; u <= t; u++)
                        {
                            p[u] = (float)Math.exp(p[u] - max);
                            sum += p[u];
                        }
                        final float inv = (float)(1.0 / sum);
                        Arrays.fill(out, qo, qo + hd, 0f);
                        for (int u = 0; u <= t; u++)
                        {
                            VectorMath.axpy(p[u] * inv, v, ((b * T + u) * KV + kvh) * hd, out, qo, hd);
                        }
                        lse[(b * H + h) * T + t] = (float)(max + Math.log(sum));
                    }
                }
            }
        });
    }

    static void backward(final float[] q, final float[] k, final float[] v, final float[] out, final float[] lse,
        final float[] dOut, final AttentionShape s, final float[] dq, final float[] dk, final float[] dv)
    {
        final int T = s.seq(), H = s.heads(), KV = s.kvHeads(), hd = s.headDim(), group = s.groupSize();
        final float scale = s.scale();
        Parallel.range(s.batch() * KV, 1, (from, to) ->
        {
            final float[] kT = new float[hd * T];
            final float[] vT = new float[hd * T];
            final float[] p = new float[T];
            final float[] dp = new float[T];
            for (int bk = from; bk < to; bk++)
            {
                final int b = bk / KV, kvh = bk % KV;
                transpose(k, b, kvh, T, KV, hd, kT);
                transpose(v, b, kvh, T, KV, hd, vT);
                for (int u = 0; u < T; u++)
                {
                    final int ko = ((b * T + u) * KV + kvh) * hd;
                    Arrays.fill(dk, ko, ko + hd, 0f);
                    Arrays.fill(dv, ko, ko + hd, 0f);
                }
                for (int h = kvh * group; h < (kvh + 1) * group; h++)
                {
                    for (int t = 0; t < T; t++)
                    {
                        final int qo = ((b * T + t) * H + h) * hd;
                        final int n = t + 1;
                        final float rowLse = lse[(b * H + h) * T + t];
                        final float delta = VectorMath.dot(dOut, qo, out, qo, hd);
                        scores(q, qo, scale, kT, T, hd, n, p);
                        scores(dOut, qo, 1f, vT, T, hd, n, dp);
                        Arrays.fill(dq, qo, qo + hd, 0f);
                        for (int u = 0; u < n; u++)
                        {
                            final int ko = ((b * T + u) * KV + kvh) * hd;
                            final float prob = (float)Math.exp(p[u] - rowLse);
                            final float ds = prob * (dp[u] - delta) * scale;
                            VectorMath.axpy(ds, k, ko, dq, qo, hd);
                            VectorMath.axpy(ds, q, qo, dk, ko, hd);
                            VectorMath.axpy(prob, dOut, qo, dv, ko, hd);
                        }
                    }
                }
            }
        });
    }

    /** dst[i * T + u] = src[(b, u, kvh, i)]: one kv head of one batch row as [hd, T]. */
    private static void transpose(final float[] src, final int b, final int kvh, final int T, final int KV, final int hd,
        final float[] dst)
    {
        for (int u = 0; u < T; u++)
        {
            final int o = ((b * T + u) * KV + kvh) * hd;
            for (int i = 0; i < hd; i++)
            {
                dst[i * T + u] = src[o + i];
            }
        }
    }

    /** s[u] = scale * sum_i x[xo + i] * mT[i * T + u] for u in [0, n). */
    private static void scores(final float[] x, final int xo, final float scale, final float[] mT, final int T,
        final int hd, final int n, final float[] s)
    {
        Arrays.fill(s, 0, n, 0f);
        for (int i = 0; i < hd; i++)
        {
            VectorMath.axpy(x[xo + i] * scale, mT, i * T, s, 0, n);
        }
    }
}
