package io.iotaj.kernels.cpu;

/**
 * Row-major single-precision GEMM: C[m,n] (+)= op(A)[m,k] * op(B)[k,n].
 * A is stored [m,k], or [k,m] when transA; B is stored [k,n], or [n,k] when transB.
 * This is the straightforward parallel version; the blocked Vector API version replaces it.
 */
public final class Gemm
{
    private Gemm()
    {
    }

    public static void gemm(final boolean transA, final boolean transB, final int m, final int n, final int k,
        final float[] a, final int aOff, final float[] b, final int bOff, final float[] c, final int cOff,
        final boolean accumulate)
    {
        Parallel.range(m, Math.max(1, 65536 / Math.max(1, n * Math.max(1, k))), (from, to) ->
        {
            final float[] row = new float[n];
            for (int i = from; i < to; i++)
            {
                java.util.Arrays.fill(row, 0f);
                for (int p = 0; p < k; p++)
                {
                    final float av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                    if (transB)
                    {
                        for (int j = 0; j < n; j++)
                        {
                            row[j] += av * b[bOff + j * k + p];
                        }
                    }
                    else
                    {
                        final int bRow = bOff + p * n;
                        for (int j = 0; j < n; j++)
                        {
                            row[j] += av * b[bRow + j];
                        }
                    }
                }
                final int cRow = cOff + i * n;
                for (int j = 0; j < n; j++)
                {
                    c[cRow + j] = accumulate ? c[cRow + j] + row[j] : row[j];
                }
            }
        });
    }
}
