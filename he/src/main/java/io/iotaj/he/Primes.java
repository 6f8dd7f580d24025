package io.iotaj.he;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Deterministic search for NTT-friendly primes q = 1 mod 2N of a given bit size. */
public final class Primes
{
    private static final long[] WITNESSES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};

    private Primes()
    {
    }

    /**
     * For each requested bit size, the largest primes below 2^bits that are 1 mod 2N, distinct across the
     * whole list and assigned in list order (the same rule SEAL's CoeffModulus::Create follows).
     */
    public static long[] nttFriendly(final int polyDegree, final int[] bitSizes)
    {
        final long step = 2L * polyDegree;
        final long[] primes = new long[bitSizes.length];
        final List<Long> used = new ArrayList<>();
        for (int i = 0; i < bitSizes.length; i++)
        {
            final int bits = bitSizes[i];
            long candidate = ((1L << bits) - 1) / step * step + 1;
            while (true)
            {
                if (candidate < (1L << (bits - 1)))
                {
                    throw new IllegalArgumentException(
                        "no more " + bits + "-bit primes that are 1 mod " + step);
                }
                if (!used.contains(candidate) && isPrime(candidate))
                {
                    break;
                }
                candidate -= step;
            }
            used.add(candidate);
            primes[i] = candidate;
        }
        return primes;
    }

    /** Deterministic Miller-Rabin, exact for every n below 3.3e24 with these witnesses. */
    public static boolean isPrime(final long n)
    {
        if (n < 2)
        {
            return false;
        }
        for (final long w : WITNESSES)
        {
            if (n % w == 0)
            {
                return n == w;
            }
        }
        final BigInteger big = BigInteger.valueOf(n);
        final BigInteger minusOne = big.subtract(BigInteger.ONE);
        final int twos = minusOne.getLowestSetBit();
        final BigInteger odd = minusOne.shiftRight(twos);
        for (final long w : WITNESSES)
        {
            BigInteger x = BigInteger.valueOf(w).modPow(odd, big);
            if (x.equals(BigInteger.ONE) || x.equals(minusOne))
            {
                continue;
            }
            boolean composite = true;
            for (int r = 1; r < twos && composite; r++)
            {
                x = x.multiply(x).mod(big);
                composite = !x.equals(minusOne);
            }
            if (composite)
            {
                return false;
            }
        }
        return true;
    }
}
