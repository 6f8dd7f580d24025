package io.iotaj.kernels.cpu;

/** RMSNorm over the last dim: y = x * rsqrt(mean(x^2) + eps) * w. x, y [rows, dim], w [dim], rstd [rows]. */
final class RmsNorm
{
    private RmsNorm()
    {
    }

    static void forward(final float[] x, final float[] w, final float eps, final float[] y, final float[] rstd,
        final int rows, final int dim)
    {
        Parallel.range(rows, Math.max(1, 16384 / dim), (from, to) ->
        {
            for (int r = from; r < to; r++)
            {
                final int o = r * dim;
                double ss = 0;
                for (int i = 0; i < dim; i++)
                {
                    ss += x[o + i] * x[o + i];
                }
                final float s = (float)(1.0 / Math.sqrt(ss / dim + eps));
                rstd[r] = s;
                for (int i = 0; i < dim; i++)
                {
                    y[o + i] = x[o + i] * s * w[i];
                }
            }
        });
    }

    /**
     * With n = x * rstd: dx = rstd * (g - n * mean(g * n)) where g = dy * w; dw += sum over rows of dy * n.
     * dw is reduced per chunk then added under the chunk's own buffer to stay race-free.
     */
    static void backward(final float[] x, final float[] w, final float[] rstd, final float[] dy, final float[] dx,
        final float[] dw, final boolean accumulateDx, final int rows, final int dim)
    {
        final int grain = Math.max(1, 16384 / dim);
        final int chunks = Math.max(1, Math.min(Parallel.threads() * 4, rows / grain));
        final float[][] partial = new float[chunks][];
        final int per = (rows + chunks - 1) / chunks;
        Parallel.range(chunks, 1, (cFrom, cTo) ->
        {
            for (int c = cFrom; c < cTo; c++)
            {
                final float[] dwc = new float[dim];
                for (int r = c * per; r < Math.min(rows, (c + 1) * per); r++)
                {
                    final int o = r * dim;
                    final float s = rstd[r];
                    double dot = 0;
                    for (int i = 0; i < dim; i++)
                    {
                        final float n = x[o + i] * s;
                        dot += dy[o + i] * w[i] * n;
                        dwc[i] += dy[o + i] * n;
                    }
                    final float mean = (float)(dot / dim);
                    for (int i = 0; i < dim; i++)
                    {
                        final float g = s * (dy[o + i] * w[i] - x[o + i] * s * mean);
                        dx[o + i] = accumulateDx ? dx[o + i] + g : g;
                    }
                }
                partial[c] = dwc;
            }
        });
        for (final float[] dwc : partial)
        {
            for (int i = 0; i < dim; i++)
            {
                dw[i] += dwc[i];
            }
        }
    }
}
