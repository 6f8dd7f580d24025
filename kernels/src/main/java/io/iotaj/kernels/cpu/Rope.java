package io.iotaj.kernels.cpu;

/**
 * Rotate-half RoPE in place on x [batch, seq, heads, hd]: for i < hd/2 with angle t * theta^(-2i/hd),
 * (x1, x2) -> (x1 cos - x2 sin, x2 cos + x1 sin). The inverse (transposed) rotation is the backward pass.
 * Angles are computed in double and rounded to float, as the reference does.
 */
final class Rope
{
    private Rope()
    {
    }

    /** cos and sin tables [seq, hd/2]. */
    static float[][] tables(final int seq, final int hd, final double theta)
    {
        final int half = hd / 2;
        final float[] cos = new float[seq * half];
        final float[] sin = new float[seq * half];
        for (int i = 0; i < half; i++)
        {
            final double inv = Math.pow(theta, -(2.0 * i) / hd);
            for (int t = 0; t < seq; t++)
            {
                final double ang = t * inv;
                cos[t * half + i] = (float)Math.cos(ang);
                sin[t * half + i] = (float)Math.sin(ang);
            }
        }
        return new float[][]{cos, sin};
    }

    static void apply(final float[] x, final float[][] cs, final int batch, final int seq, final int heads,
        final int hd, final boolean inverse)
    {
        final float[] cos = cs[0];
        final float[] sin = cs[1];
        final int half = hd / 2;
        final float sign = inverse ? -1f : 1f;
        Parallel.range(batch * seq, Math.max(1, 8192 / (heads * hd)), (from, to) ->
        {
            for (int bt = from; bt < to; bt++)
            {
                final int t = bt % seq;
                for (int h = 0; h < heads; h++)
                {
                    final int o = (bt * heads + h) * hd;
                    for (int i = 0; i < half; i++)
                    {
                        final float c = cos[t * half + i];
                        final float s = sign * sin[t * half + i];
                        final float x1 = x[o + i];
                        final float x2 = x[o + half + i];
                        x[o + i] = x1 * c - x2 * s;
                        x[o + half + i] = x2 * c + x1 * s;
                    }
                }
            }
        });
    }
}
