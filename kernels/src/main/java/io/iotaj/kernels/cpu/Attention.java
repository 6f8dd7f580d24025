package io.iotaj.kernels.cpu;

import io.iotaj.kernels.AttentionShape;

/**
 * Causal grouped-query attention, flash-style: each query row's scores live in one row buffer of
 * length seq per thread (never a seq x seq matrix), and the backward pass recomputes probabilities
 * from the saved log-sum-exp. q, out [B, T, H, hd]; k, v [B, T, KV, hd]; lse [B, H, T].
 * Work is split over (batch, kv head) so that all writers of one dk/dv slice share a task.
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
        Parallel.range(s.batch() * H, 1, (from, to) ->
        {
            final float[] p = new float[T];
            final float[] acc = new float[hd];
            for (int bh = from; bh < to; bh++)
            {
                final int b = bh / H, h = bh % H, kvh = h / group;
                for (int t = 0; t < T; t++)
                {
                    final int qo = ((b * T + t) * H + h) * hd;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int u = 0; u <= t; u++)
                    {
                        final int ko = ((b * T + u) * KV + kvh) * hd;
                        float dot = 0f;
                        for (int i = 0; i < hd; i++)
                        {
                            dot += q[qo + i] * k[ko + i];
                        }
                        p[u] = dot * scale;
                        max = Math.max(max, p[u]);
                    }
                    double sum = 0;
                    for (int u = 0; u <= t; u++)
                    {
                        p[u] = (float)Math.exp(p[u] - max);
                        sum += p[u];
                    }
                    final float inv = (float)(1.0 / sum);
                    java.util.Arrays.fill(acc, 0f);
                    for (int u = 0; u <= t; u++)
                    {
                        final int vo = ((b * T + u) * KV + kvh) * hd;
                        final float w = p[u] * inv;
                        for (int i = 0; i < hd; i++)
                        {
                            acc[i] += w * v[vo + i];
                        }
                    }
                    System.arraycopy(acc, 0, out, qo, hd);
                    lse[(b * H + h) * T + t] = (float)(max + Math.log(sum));
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
            for (int bk = from; bk < to; bk++)
            {
                final int b = bk / KV, kvh = bk % KV;
                for (int u = 0; u < T; u++)
                {
                    final int ko = ((b * T + u) * KV + kvh) * hd;
                    java.util.Arrays.fill(dk, ko, ko + hd, 0f);
                    java.util.Arrays.fill(dv, ko, ko + hd, 0f);
                }
                for (int h = kvh * group; h < (kvh + 1) * group; h++)
                {
                    for (int t = 0; t < T; t++)
                    {
                        final int qo = ((b * T + t) * H + h) * hd;
                        final float rowLse = lse[(b * H + h) * T + t];
                        float delta = 0f;
                        for (int i = 0; i < hd; i++)
                        {
                            delta += dOut[qo + i] * out[qo + i];
                        }
                        java.util.Arrays.fill(dq, qo, qo + hd, 0f);
                        for (int u = 0; u <= t; u++)
                        {
                            final int ko = ((b * T + u) * KV + kvh) * hd;
                            float dot = 0f, dp = 0f;
                            for (int i = 0; i < hd; i++)
                            {
                                dot += q[qo + i] * k[ko + i];
                                dp += dOut[qo + i] * v[ko + i];
                            }
                            final float prob = (float)Math.exp(dot * scale - rowLse);
                            final float ds = prob * (dp - delta) * scale;
                            for (int i = 0; i < hd; i++)
                            {
                                dv[ko + i] += prob * dOut[qo + i];
                                dq[qo + i] += ds * k[ko + i];
                                dk[ko + i] += ds * q[qo + i];
                            }
                        }
                    }
                }
            }
        });
    }
}
