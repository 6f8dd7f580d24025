package io.iotaj.he.mnist;

import java.util.stream.IntStream;

/**
 * Row-major float matrix products for training, parallel over output rows when the work is large
 * enough to pay for it. Each method says the shapes it takes.
 */
final class Matmul
{
    private static final long PARALLEL_WORK = 1 << 18;

    private Matmul()
    {
    }

    /** c[M][N] = a[M][K] * b[N][K]^T (+ bias[N] if not null). */
    static void abT(final float[] a, final float[] b, final float[] bias, final float[] c, final int m, final int k, final int n)
    {
        rows(m, (long)m * n * k, i ->
        {
            final int ai = i * k;
            for (int j = 0; j < n; j++)
            {
                final int bj = j * k;
                float sum = bias == null ? 0 : bias[j];
                for (int p = 0; p < k; p++)
                {
                    sum += a[ai + p] * b[bj + p];
                }
                c[i * n + j] = sum;
            }
        });
    }

    /** c[N][K] = a[M][N]^T * b[M][K]. */
    static void aTb(final float[] a, final float[] b, final float[] c, final int m, final int n, final int k)
    {
        rows(n, (long)m * n * k, j ->
        {
            final int cj = j * k;
            java.util.Arrays.fill(c, cj, cj + k, 0f);
            for (int i = 0; i < m; i++)
            {
                final float s = a[i * n + j];
                if (s != 0f)
                {
                    final int bi = i * k;
                    for (int p = 0; p < k; p++)
                    {
                        c[cj + p] += s * b[bi + p];
                    }
                }
            }
        });
    }

    /** c[M][K] = a[M][N] * b[N][K]. */
    static void ab(final float[] a, final float[] b, final float[] c, final int m, final int n, final int k)
    {
        rows(m, (long)m * n * k, i ->
        {
            final int ci = i * k;
            java.util.Arrays.fill(c, ci, ci + k, 0f);
            for (int j = 0; j < n; j++)
            {
                final float s = a[i * n + j];
                if (s != 0f)
                {
                    final int bj = j * k;
                    for (int p = 0; p < k; p++)
                    {
                        c[ci + p] += s * b[bj + p];
                    }
                }
            }
        });
    }

    private static void rows(final int count, final long work, final java.util.function.IntConsumer body)
    {
        if (work >= PARALLEL_WORK)
        {
            IntStream.range(0, count).parallel().forEach(body);
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                body.accept(i);
            }
        }
    }
}
