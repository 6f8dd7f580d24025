package io.iotaj.clasp.credit;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CholeskyTest
{
    @Test
    void solvesARandomPositiveDefiniteSystem()
    {
        final int n = 40;
        final SplittableRandom random = new SplittableRandom(7);
        final double[] m = new double[n * n];
        for (int i = 0; i < m.length; i++)
        {
            m[i] = random.nextGaussian();
        }
        // a = m m^T + n I is symmetric positive definite
        final double[] a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = i == j ? n : 0;
                for (int k = 0; k < n; k++)
                {
                    s += m[i * n + k] * m[j * n + k];
                }
                a[i * n + j] = s;
            }
        }
        final double[] x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = random.nextGaussian();
        }
        final double[] b = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                b[i] += a[i * n + j] * x[j];
            }
        }
        final double[] factor = a.clone();
        assertTrue(Cholesky.factor(factor, n));
        Cholesky.solve(factor, n, b);
        for (int i = 0; i < n; i++)
        {
            assertEquals(x[i], b[i], 1e-9);
        }
    }

    @Test
    void invertsAPositiveDefiniteMatrix()
    {
        final int n = 30;
        final SplittableRandom random = new SplittableRandom(3);
        final double[] a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                final double v = i == j ? n + random.nextDouble() : random.nextGaussian();
                a[i * n + j] = v;
                a[j * n + i] = v;
            }
        }
        final double[] factor = a.clone();
        assertTrue(Cholesky.factor(factor, n));
        final double[] inverse = new double[n * n];
        Cholesky.inverse(factor, n, inverse);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    s += a[i * n + k] * inverse[k * n + j];
                }
                assertEquals(i == j ? 1.0 : 0.0, s, 1e-12);
            }
        }
    }

    @Test
    void rejectsAMatrixThatIsNotPositiveDefinite()
    {
        assertFalse(Cholesky.factor(new double[] {1, 2, 2, 1}, 2));
    }
}
