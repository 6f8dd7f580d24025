package io.iotaj.he;

/**
 * Negacyclic number-theoretic transform over Z_q[X]/(X^N + 1), in place on one limb of a flat array.
 * Forward is Cooley-Tukey from natural order to bit-reversed order, inverse is Gentleman-Sande back;
 * twiddles are powers of a primitive 2N-th root psi with Shoup companions, so no 128-bit division
 * happens in the butterflies. Slot k of the forward output holds the value at psi^(2 brev(k) + 1).
 */
public final class Ntt
{
    private final Modulus q;
    private final int n;
    private final int logN;
    private final long[] psiRev;
    private final long[] psiRevShoup;
    private final long[] psiInvRev;
    private final long[] psiInvRevShoup;
    private final long nInv;
    private final long nInvShoup;
    private final long psi;

    public Ntt(final Modulus q, final int n)
    {
        this.q = q;
        this.n = n;
        this.logN = Integer.numberOfTrailingZeros(n);
        if ((q.value() - 1) % (2L * n) != 0)
        {
            throw new IllegalArgumentException(q + " is not 1 mod 2N for N=" + n);
        }
        this.psi = minimalPrimitiveRoot(q, n);
        final long psiInv = q.inverse(psi);
        psiRev = new long[n];
        psiRevShoup = new long[n];
        psiInvRev = new long[n];
        psiInvRevShoup = new long[n];
        long power = 1;
        long powerInv = 1;
        for (int i = 0; i < n; i++)
        {
            final int r = bitReverse(i, logN);
            psiRev[r] = power;
            psiInvRev[r] = powerInv;
            power = q.mul(power, psi);
            powerInv = q.mul(powerInv, psiInv);
        }
        for (int i = 0; i < n; i++)
        {
            psiRevShoup[i] = q.shoup(psiRev[i]);
            psiInvRevShoup[i] = q.shoup(psiInvRev[i]);
        }
        nInv = q.inverse(n);
        nInvShoup = q.shoup(nInv);
    }

    public long psi()
    {
        return psi;
    }

    /**
     * Forward transform of a[offset, offset + N). Butterflies are Harvey's lazy ones: values stay in
     * [0, 4q) between stages and are reduced once at the end.
     */
    public void forward(final long[] a, final int offset)
    {
        final long qv = q.value();
        final long twoQ = 2 * qv;
        int t = n;
        for (int m = 1; m < n; m <<= 1)
        {
            t >>= 1;
            for (int i = 0; i < m; i++)
            {
                final int j1 = offset + 2 * i * t;
                final long w = psiRev[m + i];
                final long ws = psiRevShoup[m + i];
                for (int j = j1, end = j1 + t; j < end; j++)
                {
                    long u = a[j];
                    if (u >= twoQ)
                    {
                        u -= twoQ;
                    }
                    final long v = q.mulShoupLazy(a[j + t], w, ws);
                    a[j] = u + v;
                    a[j + t] = u - v + twoQ;
                }
            }
        }
        for (int j = offset, end = offset + n; j < end; j++)
        {
            long x = a[j];
            if (x >= twoQ)
            {
                x -= twoQ;
            }
            a[j] = x >= qv ? x - qv : x;
        }
    }

    /** Inverse transform of a[offset, offset + N), including the 1/N factor; lazy values stay in [0, 2q). */
    public void inverse(final long[] a, final int offset)
    {
        final long twoQ = 2 * q.value();
        int t = 1;
        for (int m = n; m > 1; m >>= 1)
        {
            final int h = m >> 1;
            int j1 = offset;
            for (int i = 0; i < h; i++)
            {
                final long w = psiInvRev[h + i];
                final long ws = psiInvRevShoup[h + i];
                for (int j = j1, end = j1 + t; j < end; j++)
                {
                    final long u = a[j];
                    final long v = a[j + t];
                    final long sum = u + v;
                    a[j] = sum >= twoQ ? sum - twoQ : sum;
                    a[j + t] = q.mulShoupLazy(u - v + twoQ, w, ws);
                }
                j1 += 2 * t;
            }
            t <<= 1;
        }
        for (int j = offset, end = offset + n; j < end; j++)
        {
            a[j] = q.mulShoup(a[j], nInv, nInvShoup);
        }
    }

    static int bitReverse(final int value, final int bits)
    {
        return Integer.reverse(value) >>> (32 - bits);
    }

    /** The smallest primitive 2N-th root of unity mod q, so the tables are the same on every machine. */
    private static long minimalPrimitiveRoot(final Modulus q, final int n)
    {
        final long exponent = (q.value() - 1) / (2L * n);
        long best = Long.MAX_VALUE;
        long root = -1;
        for (long x = 2; x < q.value() && root < 0; x++)
        {
            final long candidate = q.pow(x, exponent);
            if (q.pow(candidate, n) == q.value() - 1)
            {
                root = candidate;
            }
        }
        if (root < 0)
        {
            throw new IllegalStateException("no primitive 2N-th root mod " + q);
        }
        // Every primitive 2N-th root is root^k for odd k; take the smallest.
        final long square = q.mul(root, root);
        long power = root;
        for (int k = 0; k < n; k++)
        {
            best = Math.min(best, power);
            power = q.mul(power, square);
        }
        return best;
    }
}
