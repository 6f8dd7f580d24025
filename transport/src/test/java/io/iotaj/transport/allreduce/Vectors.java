package io.iotaj.transport.allreduce;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test data: random local vectors, unequal weights, and the exact weighted mean in double. */
final class Vectors
{
    private Vectors()
    {
    }

    static float[][] locals(final Random random, final int peers, final int elements)
    {
        final float[][] locals = new float[peers][elements];
        for (int p = 0; p < peers; p++)
        {
            for (int j = 0; j < elements; j++)
            {
                locals[p][j] = (float)(random.nextGaussian() * (1 + p));
            }
        }
        return locals;
    }

    /** Distinct weights from 1 to about 1000: unequal on purpose. */
    static long[] weights(final Random random, final int peers)
    {
        final long[] weights = new long[peers];
        for (int p = 0; p < peers; p++)
        {
            weights[p] = 1 + random.nextInt(1000);
        }
        return weights;
    }

    /** The weighted mean over the peers whose bit is set in {@code contributors}. */
    static double[] mean(final float[][] locals, final long[] weights, final long contributors)
    {
        final double[] mean = new double[locals[0].length];
        double total = 0;
        for (int p = 0; p < locals.length; p++)
        {
            if ((contributors >>> p & 1) != 0)
            {
                total += weights[p];
                for (int j = 0; j < mean.length; j++)
                {
                    mean[j] += weights[p] * (double)locals[p][j];
                }
            }
        }
        for (int j = 0; j < mean.length; j++)
        {
            mean[j] /= total;
        }
        return mean;
    }

    static long everyone(final int peers)
    {
        return (1L << peers) - 1;
    }

    /** Element-wise relative error at most {@code tolerance} over {@code [from, to)}. */
    static void assertClose(final double[] expected, final float[] actual, final int from, final int to, final double tolerance, final String what)
    {
        for (int j = from; j < to; j++)
        {
            final double error = Math.abs(actual[j] - expected[j]);
            final int index = j;
            assertTrue(error <= tolerance * Math.abs(expected[j]) + 1e-30,
                () -> what + ": element " + index + " is " + actual[index] + ", expected " + expected[index]);
        }
    }

    static void assertClose(final double[] expected, final float[] actual, final double tolerance, final String what)
    {
        assertEquals(expected.length, actual.length, what);
        assertClose(expected, actual, 0, expected.length, tolerance, what);
    }

    static boolean isClose(final double[] expected, final float[] actual, final int from, final int to, final double tolerance)
    {
        for (int j = from; j < to; j++)
        {
            if (!(Math.abs(actual[j] - expected[j]) <= tolerance * Math.abs(expected[j]) + 1e-30))
            {
                return false;
            }
        }
        return true;
    }

    /** Norm-wise: ||actual - expected|| / ||expected||. */
    static double relativeError(final double[] expected, final float[] actual)
    {
        double error = 0;
        double norm = 0;
        for (int j = 0; j < expected.length; j++)
        {
            error += (actual[j] - expected[j]) * (actual[j] - expected[j]);
            norm += expected[j] * expected[j];
        }
        return norm == 0 ? Math.sqrt(error) : Math.sqrt(error / norm);
    }
}
