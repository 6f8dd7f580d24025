package io.iotaj.he;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModulusAndNttTest
{
    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void barrettAndShoupMatchBigInteger()
    {
        for (final int bits : new int[]{26, 31, 40, 60})
        {
            final long q = Primes.nttFriendly(8192, new int[]{bits})[0];
            final Modulus m = new Modulus(q);
            final BigInteger bq = BigInteger.valueOf(q);
            for (int i = 0; i < 20_000; i++)
            {
                final long a = random.nextLong(q);
                final long b = i < 4 ? q - 1 - i : random.nextLong(q);
                final long expected = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(bq).longValue();
                assertEquals(expected, m.mul(a, b), "Barrett " + a + "*" + b + " mod " + q);
                assertEquals(expected, m.mulShoup(a, b, m.shoup(b)), "Shoup " + a + "*" + b + " mod " + q);
            }
            assertEquals(1, m.mul(m.inverse(12345), 12345));
            for (final long x : new long[]{0, q - 1, q, 2 * q + 5, Long.MAX_VALUE, Long.MAX_VALUE - q, random.nextLong(Long.MAX_VALUE)})
            {
                assertEquals(x % q, m.reduceNonNegative(x), "reduce " + x + " mod " + q);
            }
        }
    }

    @Test
    void primesAreNttFriendlyDistinctAndDeterministic()
    {
        for (final CkksParameters parameters : new CkksParameters[]{
            CkksParameters.conv2Split(), CkksParameters.fc1Split(), CkksParameters.precise()})
        {
            final int[] sizes = parameters.bitSizes();
            final long[] primes = Primes.nttFriendly(8192, sizes);
            assertArrayEquals(primes, Primes.nttFriendly(8192, sizes));
            for (int i = 0; i < primes.length; i++)
            {
                assertTrue(BigInteger.valueOf(primes[i]).isProbablePrime(60));
                assertEquals(1, primes[i] % (2 * 8192));
                assertEquals(sizes[i], 64 - Long.numberOfLeadingZeros(primes[i]));
                for (int j = 0; j < i; j++)
                {
                    assertNotEquals(primes[i], primes[j]);
                }
                // The largest such prime below 2^bits not already taken: no larger candidate is a free prime.
                for (long larger = primes[i] + 2 * 8192; larger < 1L << sizes[i]; larger += 2 * 8192)
                {
                    final long candidate = larger;
                    assertTrue(!BigInteger.valueOf(candidate).isProbablePrime(60) ||
                        java.util.Arrays.stream(primes, 0, i).anyMatch(p -> p == candidate), parameters + " prime " + i);
                }
            }
            assertEquals(parameters.bitSizes().length, new CkksContext(parameters).specialIndex() + 1);
        }
        assertEquals(Primes.nttFriendly(8192, new int[]{31})[0], Primes.nttFriendly(8192, new int[]{31, 26, 31})[0]);
        assertTrue(!Primes.isPrime(561) && !Primes.isPrime(3_215_031_751L) && Primes.isPrime(2_147_483_647L));
    }

    @Test
    void refusesParameterSetsBelow128BitSecurity()
    {
        CkksParameters.conv2Split();
        CkksParameters.fc1Split();
        CkksParameters.precise();
        final IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
            () -> new CkksParameters("big", 8192, new int[]{60, 60, 60, 60}, 40));
        assertTrue(tooBig.getMessage().contains("218"), tooBig.getMessage());
        // The HE standard's 128-bit rows (ternary secret, sigma 3.2): the largest modulus passes, one bit more fails.
        final int[][] rows = {{1024, 27}, {2048, 54}, {4096, 109}, {8192, 218}, {16384, 438}, {32768, 881}};
        for (final int[] row : rows)
        {
            assertEquals(row[1], SecurityStandard.maxModulusBits128(row[0]));
            if (row[1] < 2 * 18)
            {
                continue; // N = 1024 leaves no room for two primes of at least 17 bits
            }
            final int[] atLimit = split(row[1]);
            new CkksParameters("limit", row[0], atLimit, 17);
            atLimit[atLimit.length - 1]++;
            assertThrows(IllegalArgumentException.class, () -> new CkksParameters("over", row[0], atLimit, 17));
        }
        assertThrows(IllegalArgumentException.class,
            () -> new CkksParameters("small-n", 4096, new int[]{40, 40, 40}, 30));
        new CkksParameters("edge", 4096, new int[]{36, 36, 37}, 30);
    }

    @Test
    void nttRoundTripAndProductMatchSchoolbookNegacyclic()
    {
        for (final int n : new int[]{16, 256, 8192})
        {
            final Modulus q = new Modulus(Primes.nttFriendly(n, new int[]{31})[0]);
            final Ntt ntt = new Ntt(q, n);
            final long[] a = randomPoly(q, n);
            final long[] b = randomPoly(q, n);
            final long[] fa = a.clone();
            ntt.forward(fa, 0);
            final long[] back = fa.clone();
            ntt.inverse(back, 0);
            assertArrayEquals(a, back, "round trip at N=" + n);
            if (n > 256)
            {
                continue;
            }
            final long[] fb = b.clone();
            ntt.forward(fb, 0);
            final long[] product = new long[n];
            for (int i = 0; i < n; i++)
            {
                product[i] = q.mul(fa[i], fb[i]);
            }
            ntt.inverse(product, 0);
            assertArrayEquals(schoolbook(q, a, b), product, "negacyclic product at N=" + n);
        }
    }

    @Test
    void nttSlotsAreEvaluationsAtOddPowersOfPsiInBitReversedOrder()
    {
        final int n = 64;
        final Modulus q = new Modulus(Primes.nttFriendly(n, new int[]{30})[0]);
        final Ntt ntt = new Ntt(q, n);
        final long[] a = randomPoly(q, n);
        final long[] fa = a.clone();
        ntt.forward(fa, 0);
        for (int k = 0; k < n; k++)
        {
            final long x = q.pow(ntt.psi(), 2L * Ntt.bitReverse(k, 6) + 1);
            long value = 0;
            long power = 1;
            for (int i = 0; i < n; i++)
            {
                value = q.add(value, q.mul(a[i], power));
                power = q.mul(power, x);
            }
            assertEquals(value, fa[k], "slot " + k);
        }
    }

    /** A list of prime sizes in [18, 60] summing to total bits, at least two of them. */
    private static int[] split(final int total)
    {
        final int count = Math.max(2, (total + 59) / 60);
        final int[] sizes = new int[count];
        for (int i = 0; i < count; i++)
        {
            sizes[i] = total / count + (i < total % count ? 1 : 0);
        }
        return sizes;
    }

    private long[] randomPoly(final Modulus q, final int n)
    {
        final long[] a = new long[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = random.nextLong(q.value());
        }
        return a;
    }

    private static long[] schoolbook(final Modulus q, final long[] a, final long[] b)
    {
        final int n = a.length;
        final long[] out = new long[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                final long p = q.mul(a[i], b[j]);
                final int k = i + j;
                out[k % n] = k < n ? q.add(out[k], p) : q.sub(out[k - n], p);
            }
        }
        return out;
    }
}
