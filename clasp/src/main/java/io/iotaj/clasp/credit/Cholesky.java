package io.iotaj.clasp.credit;

/**
 * Cholesky factorisation and solves for small dense symmetric positive-definite systems, stored row-major
 * in a flat {@code double[n * n]}. Plain functions; the factor overwrites the lower triangle.
 */
public final class Cholesky
{
    private Cholesky()
    {
    }

    /**
     * a[n x n] (symmetric, lower triangle read) -> L (lower triangle), with a = L L^T.
     *
     * @return false when a pivot is not positive (matrix not positive definite); {@code a} is then garbage.
     */
    public static boolean factor(final double[] a, final int n)
    {
        for (int j = 0; j < n; j++)
        {
            final int rowJ = j * n;
            double d = a[rowJ + j];
            for (int k = 0; k < j; k++)
            {
                d -= a[rowJ + k] * a[rowJ + k];
            }
            if (!(d > 0))
            {
                return false;
            }
            final double ljj = Math.sqrt(d);
            a[rowJ + j] = ljj;
            final double inv = 1.0 / ljj;
            for (int i = j + 1; i < n; i++)
            {
                final int rowI = i * n;
                double s = a[rowI + j];
                for (int k = 0; k < j; k++)
                {
                    s -= a[rowI + k] * a[rowJ + k];
                }
                a[rowI + j] = s * inv;
            }
        }
        return true;
    }

    /** Solves (L L^T) x = b in place: b[n] -> x[n], with L from {@link #factor}. */
    public static void solve(final double[] l, final int n, final double[] b)
    {
        for (int i = 0; i < n; i++)
        {
            final int row = i * n;
            double s = b[i];
            for (int k = 0; k < i; k++)
            {
                s -= l[row + k] * b[k];
            }
            b[i] = s / l[row + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int k = i + 1; k < n; k++)
            {
                s -= l[k * n + i] * b[k];
            }
            b[i] = s / l[i * n + i];
        }
    }

    /**
     * Inverse of a = L L^T from its factor: l[n x n] (lower) -> out[n x n] = a^-1, full and symmetric.
     * Overwrites the lower triangle of {@code l} with L^-1. About n^3 / 3 multiply-adds, row-wise.
     */
    public static void inverse(final double[] l, final int n, final double[] out)
    {
        // L^-1 row by row: Linv[i][j] = -(sum_{k=j}^{i-1} L[i][k] Linv[k][j]) / L[i][i], with out's row i as
        // the accumulator and rows k < i of l already holding Linv
        for (int i = 0; i < n; i++)
        {
            final int rowI = i * n;
            java.util.Arrays.fill(out, rowI, rowI + i, 0);
            for (int k = 0; k < i; k++)
            {
                final double lik = l[rowI + k];
                final int rowK = k * n;
                for (int j = 0; j <= k; j++)
                {
                    out[rowI + j] += lik * l[rowK + j];
                }
            }
            final double inv = 1.0 / l[rowI + i];
            for (int j = 0; j < i; j++)
            {
                l[rowI + j] = -out[rowI + j] * inv;
            }
            l[rowI + i] = inv;
        }
        // a^-1 = Linv^T Linv as a sum of rank-1 updates, one per row k of Linv (upper triangle, then mirrored)
        java.util.Arrays.fill(out, 0, n * n, 0);
        for (int k = 0; k < n; k++)
        {
            final int rowK = k * n;
            for (int i = 0; i <= k; i++)
            {
                final double v = l[rowK + i];
                final int rowI = i * n;
                for (int j = i; j <= k; j++)
                {
                    out[rowI + j] += v * l[rowK + j];
                }
            }
        }
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                out[j * n + i] = out[i * n + j];
            }
        }
    }
}
