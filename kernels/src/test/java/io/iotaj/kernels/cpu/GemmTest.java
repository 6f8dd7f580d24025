package io.iotaj.kernels.cpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GemmTest
{
    /** The reference twin: a triple loop in double precision over the same storage conventions. */
    private static void naiveGemm(
        final boolean transA, final boolean transB, final int m, final int n, final int k,
        final float[] a, final int aOff, final float[] b, final int bOff,
        final float[] c, final int cOff, final boolean accumulate)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c[cOff + i * n + j] : 0.0;
                for (int p = 0; p < k; p++)
                {
                    final float av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                    final float bv = transB ? b[bOff + j * k + p] : b[bOff + p * n + j];
                    sum += (double)av * bv;
                }
                c[cOff + i * n + j] = (float)sum;
            }
        }
    }

    private static float[] random(final SplittableRandom random, final int length)
    {
        final float[] values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)(random.nextDouble() * 2.0 - 1.0);
        }
        return values;
    }

    /** Runs both implementations on the same inputs (with guard regions around C) and compares. */
    private static void check(
        final SplittableRandom random, final boolean transA, final boolean transB,
        final int m, final int n, final int k, final boolean accumulate)
    {
        final int aOff = random.nextInt(5);
        final int bOff = random.nextInt(5);
        final int cOff = random.nextInt(5);
        final int guard = 7;
        final float[] a = random(random, aOff + m * k + guard);
        final float[] b = random(random, bOff + k * n + guard);
        final float[] c = random(random, cOff + m * n + guard);
        final float[] expected = c.clone();

        Gemm.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        naiveGemm(transA, transB, m, n, k, a, aOff, b, bOff, expected, cOff, accumulate);

        final String where = "transA=" + transA + " transB=" + transB + " m=" + m + " n=" + n + " k=" + k +
            " accumulate=" + accumulate;
        final float tolerance = 1e-5f * (k + 1);
        for (int i = 0; i < c.length; i++)
        {
            final boolean inside = i >= cOff && i < cOff + m * n;
            if (inside)
            {
                assertEquals(expected[i], c[i], tolerance, where + " at " + (i - cOff));
            }
            else
            {
                assertEquals(expected[i], c[i], 0.0f, where + " wrote outside C at " + i);
            }
        }
    }

    @Test
    void matchesNaiveOnRandomShapesInEveryTransposeAndMode()
    {
        final SplittableRandom random = new SplittableRandom(42);
        for (int trial = 0; trial < 60; trial++)
        {
            final int m = random.nextInt(1, 80);
            final int n = random.nextInt(1, 80);
            final int k = random.nextInt(1, 80);
            for (int combo = 0; combo < 8; combo++)
            {
                check(random, (combo & 1) != 0, (combo & 2) != 0, m, n, k, (combo & 4) != 0);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "1, 1, 1", "6, 32, 1", "7, 33, 3", "5, 31, 257", "97, 65, 300", "200, 150, 513", "13, 2100, 20",
        "300, 3, 700", "1, 1500, 40", "150, 1, 40", "7, 33, 1537", "20, 40, 3100", "1540, 7, 9", "1600, 70, 1540"})
    void matchesNaiveAcrossBlockEdges(final int m, final int n, final int k)
    {
        final SplittableRandom random = new SplittableRandom(m * 31L + n * 17L + k);
        for (int combo = 0; combo < 8; combo++)
        {
            check(random, (combo & 1) != 0, (combo & 2) != 0, m, n, k, (combo & 4) != 0);
        }
    }

    @Test
    void largeEnoughToRunInParallelStillMatches()
    {
        assertTrue((long)128 * 160 * 96 >= GemmPool.MIN_PARALLEL_MACS);
        final SplittableRandom random = new SplittableRandom(7);
        for (int combo = 0; combo < 8; combo++)
        {
            check(random, (combo & 1) != 0, (combo & 2) != 0, 128, 160, 96, (combo & 4) != 0);
        }
    }

    @Test
    void concurrentCallersEachGetTheirOwnPackingBuffers() throws Exception
    {
        final int callers = 4;
        final ExecutorService executor = Executors.newFixedThreadPool(callers);
        try
        {
            final List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < callers; t++)
            {
                final int seed = t;
                futures.add(executor.submit(() ->
                {
                    final SplittableRandom random = new SplittableRandom(seed);
                    for (int round = 0; round < 3; round++)
                    {
                        check(random, seed % 2 == 0, round % 2 == 0, 90 + seed * 7, 100 + round, 70 + seed, false);
                    }
                }));
            }
            for (final Future<?> future : futures)
            {
                future.get();
            }
        }
        finally
        {
            executor.shutdownNow();
        }
    }

    @Test
    void zeroSizesTouchNothingOrZeroC()
    {
        final SplittableRandom random = new SplittableRandom(3);
        check(random, false, false, 0, 5, 4, false);
        check(random, false, true, 5, 0, 4, false);

        final float[] c = {1, 2, 3, 4, 5, 6};
        Gemm.gemm(false, false, 2, 3, 0, new float[0], 0, new float[0], 0, c, 0, true);
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6}, c);
        Gemm.gemm(true, true, 2, 2, 0, new float[0], 0, new float[0], 0, c, 1, false);
        assertArrayEquals(new float[]{1, 0, 0, 0, 0, 6}, c);
    }

    @Test
    void accumulatingTwiceDoublesTheProduct()
    {
        final SplittableRandom random = new SplittableRandom(11);
        final int m = 37;
        final int n = 45;
        final int k = 300;
        final float[] a = random(random, m * k);
        final float[] b = random(random, k * n);
        final float[] once = new float[m * n];
        final float[] twice = new float[m * n];
        Gemm.gemm(false, true, m, n, k, a, 0, b, 0, once, 0, false);
        Gemm.gemm(false, true, m, n, k, a, 0, b, 0, twice, 0, false);
        Gemm.gemm(false, true, m, n, k, a, 0, b, 0, twice, 0, true);
        final float[] doubled = Arrays.copyOf(once, once.length);
        for (int i = 0; i < doubled.length; i++)
        {
            doubled[i] *= 2.0f;
        }
        assertArrayEquals(doubled, twice, 1e-4f);
    }

    @Test
    void rejectsNegativeSizesAndShortArrays()
    {
        final float[] four = new float[4];
        assertThrows(IllegalArgumentException.class,
            () -> Gemm.gemm(false, false, -1, 2, 2, four, 0, four, 0, four, 0, false));
        assertThrows(IllegalArgumentException.class,
            () -> Gemm.gemm(false, false, 2, 2, 3, four, 0, four, 0, four, 0, false));
        assertThrows(IllegalArgumentException.class,
            () -> Gemm.gemm(false, false, 2, 2, 2, four, 1, four, 0, four, 0, false));
    }
}
