package io.iotaj.kernels.cpu;

/**
 * The reference per-row int8 codec: lo = mean - 6 std, hi = mean + 6 std (population std),
 * scale = max((hi - lo) / 256, 1e-12), code = clamp(floor((clamp(x, lo, hi) - lo) / scale), 0, 255),
 * decoded value = lo + (code + 0.5) * scale. Codes are stored as unsigned bytes.
 */
final class Q8Codec
{
    private Q8Codec()
    {
    }

    static void quantize(final float[] x, final byte[] codes, final float[] lo, final float[] scale, final int rows,
        final int dim)
    {
        for (int r = 0; r < rows; r++)
        {
            final int o = r * dim;
            double sum = 0;
            for (int i = 0; i < dim; i++)
            {
                sum += x[o + i];
            }
            final float mean = (float)(sum / dim);
            double var = 0;
            for (int i = 0; i < dim; i++)
            {
                final double d = x[o + i] - (sum / dim);
                var += d * d;
            }
            final float sd = (float)Math.sqrt((float)(var / dim));
            final float l = mean - 6f * sd;
            final float h = mean + 6f * sd;
            final float s = Math.max((h - l) / 256f, 1e-12f);
            lo[r] = l;
            scale[r] = s;
            for (int i = 0; i < dim; i++)
            {
                final float clipped = Math.min(Math.max(x[o + i], l), h);
                final int code = (int)Math.min(255f, Math.max(0f, (float)Math.floor((clipped - l) / s)));
                codes[o + i] = (byte)code;
            }
        }
    }

    static void dequantize(final byte[] codes, final float[] lo, final float[] scale, final float[] out, final int rows,
        final int dim)
    {
        for (int r = 0; r < rows; r++)
        {
            final int o = r * dim;
            for (int i = 0; i < dim; i++)
            {
                out[o + i] = lo[r] + ((codes[o + i] & 0xFF) + 0.5f) * scale[r];
            }
        }
    }
}
