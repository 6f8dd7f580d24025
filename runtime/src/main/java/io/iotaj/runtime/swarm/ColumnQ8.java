package io.iotaj.runtime.swarm;

/**
 * The reference int8 codec's rule (clip to mean +- 6 standard deviations, 256 equal steps, decode to the
 * step's centre) applied per column of a [rows, width] tensor instead of per row. At a narrow bottleneck
 * this matters: per row, the scale and offset (8 bytes) would outweigh b one-byte codes; per column they
 * cost 8 bytes per channel per frame, which over a frame's rows is close to nothing.
 */
final class ColumnQ8
{
    private ColumnQ8()
    {
    }

    /** Codes {@code x} (row-major) into {@code codes}, with each column's offset and step in {@code lo}, {@code scale}. */
    static void quantize(final float[] x, final int rows, final int width, final byte[] codes, final float[] lo,
        final float[] scale, final double[] sum, final double[] sumSq)
    {
        java.util.Arrays.fill(sum, 0, width, 0);
        java.util.Arrays.fill(sumSq, 0, width, 0);
        for (int r = 0; r < rows; r++)
        {
            final int o = r * width;
            for (int c = 0; c < width; c++)
            {
                final double v = x[o + c];
                sum[c] += v;
                sumSq[c] += v * v;
            }
        }
        for (int c = 0; c < width; c++)
        {
            final double mean = sum[c] / rows;
            final double sd = Math.sqrt(Math.max(0, sumSq[c] / rows - mean * mean));
            lo[c] = (float)(mean - 6 * sd);
            scale[c] = Math.max((float)(12 * sd / 256), 1e-12f);
        }
        for (int r = 0; r < rows; r++)
        {
            final int o = r * width;
            for (int c = 0; c < width; c++)
            {
                final float steps = (float)Math.floor((x[o + c] - lo[c]) / scale[c]);
                codes[o + c] = (byte)(int)Math.min(255f, Math.max(0f, steps));
            }
        }
    }

    /** The inverse: each code decodes to the centre of its step. */
    static void dequantize(final byte[] codes, final int rows, final int width, final float[] lo, final float[] scale,
        final float[] out)
    {
        for (int r = 0; r < rows; r++)
        {
            final int o = r * width;
            for (int c = 0; c < width; c++)
            {
                out[o + c] = lo[c] + ((codes[o + c] & 0xFF) + 0.5f) * scale[c];
            }
        }
    }
}
