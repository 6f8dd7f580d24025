package io.iotaj.transport.allreduce;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vectorised reduction gives the bits of its scalar twin, whatever the length and contributors. */
class WeightedMeanTest
{
    @Test
    void vectorKernelMatchesItsReferenceTwinBitForBit()
    {
        assertTrue(WeightedMean.vectorized(), "tests run with jdk.incubator.vector: the SIMD path is under test");
        final Random random = new Random(53);
        for (final int peers : new int[]{ 2, 5, 8, 16 })
        {
            for (final int length : new int[]{ 0, 1, 3, 7, 8, 15, 16, 17, 63, 100, 1031 })
            {
                final float[] staging = new float[peers * length + 3];
                for (int i = 0; i < staging.length; i++)
                {
                    staging[i] = (float)(random.nextGaussian() * Math.exp(random.nextGaussian() * 10));
                }
                final long[] weights = Vectors.weights(random, peers);
                for (final long contributors : new long[]{ Vectors.everyone(peers), 1L, random.nextLong() & Vectors.everyone(peers) | 2 })
                {
                    for (final boolean zeroWeights : new boolean[]{ false, true })
                    {
                        final long[] w = zeroWeights ? new long[peers] : weights;
                        final float[] fast = new float[length + 2];
                        final float[] reference = new float[length + 2];
                        WeightedMean.reduce(staging, 3, length, contributors, w, new double[peers], fast, 2);
                        WeightedMean.reduceReference(staging, 3, length, contributors, w, new double[peers], reference, 2);
                        assertArrayEquals(reference, fast, "N=" + peers + " length " + length + " contributors " + contributors);
                    }
                }
            }
        }
    }

    @Test
    void foldAndDivideMatchTheirTwinsAndFoldingInPeerOrderGivesTheReduction()
    {
        final Random random = new Random(59);
        for (final int length : new int[]{ 0, 1, 7, 8, 9, 17, 100, 1031 })
        {
            final int peers = 6;
            final float[] staging = new float[peers * length];
            for (int i = 0; i < staging.length; i++)
            {
                staging[i] = (float)(random.nextGaussian() * Math.exp(random.nextGaussian() * 10));
            }
            final long[] weights = Vectors.weights(random, peers);
            final double[] fast = new double[length + 1];
            final double[] reference = new double[length + 1];
            for (int p = 0; p < peers; p++)
            {
                WeightedMean.fold(staging, p * length, weights[p], fast, 1, length, p == 0);
                WeightedMean.foldReference(staging, p * length, weights[p], reference, 1, length, p == 0);
                assertArrayEquals(reference, fast, "fold of peer " + p + ", length " + length);
            }
            long total = 0;
            for (final long w : weights)
            {
                total += w;
            }
            final float[] mean = new float[length];
            final float[] reduced = new float[length];
            WeightedMean.divide(fast, 1, length, total, mean, 0);
            WeightedMean.reduceReference(staging, 0, length, Vectors.everyone(peers), weights, new double[peers], reduced, 0);
            assertArrayEquals(reduced, mean, "folded in peer order, the sum is the reduction's, length " + length);
        }
    }

    @Test
    void dividingFloatPartialSumsMatchesTheScalarDefinitionBitForBit()
    {
        final Random random = new Random(61);
        for (final int length : new int[]{ 0, 1, 7, 8, 9, 17, 100, 1031 })
        {
            final float[] sums = new float[length + 3];
            for (int i = 0; i < sums.length; i++)
            {
                sums[i] = (float)(random.nextGaussian() * Math.exp(random.nextGaussian() * 10));
            }
            final double total = 1 + random.nextInt(1000);
            final float[] expected = new float[length + 2];
            for (int j = 0; j < length; j++)
            {
                expected[2 + j] = (float)((double)sums[3 + j] / total);
            }
            final float[] mean = new float[length + 2];
            WeightedMean.divide(sums, 3, length, total, mean, 2);
            assertArrayEquals(expected, mean, "length " + length);
        }
    }

    @Test
    void agreementIsBitwiseFastAndTolerantWhereBitsDiffer()
    {
        final float[] x = new float[1000];
        final float[] y = new float[1000];
        for (int i = 0; i < x.length; i++)
        {
            x[i] = y[i] = i - 500.25f;
        }
        assertTrue(WeightedMean.agree(x, 0, y, 0, x.length, 0));
        y[700] = Math.nextUp(x[700]);
        x[3] = 0.0f;
        y[3] = -0.0f;
        assertFalse(WeightedMean.agree(x, 0, y, 0, x.length, 0));
        assertTrue(WeightedMean.agree(x, 0, y, 0, x.length, 1e-6));
        y[999] = x[999] * 1.001f;
        assertFalse(WeightedMean.agree(x, 0, y, 0, x.length, 1e-6));
        assertTrue(WeightedMean.agree(x, 0, y, 0, 999, 1e-6));
    }
}
