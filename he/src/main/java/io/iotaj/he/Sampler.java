package io.iotaj.he;

import java.security.SecureRandom;

/** Draws the random polynomials of key generation and encryption from a SecureRandom. */
final class Sampler
{
    /** Standard deviation of the error distribution (HE standard). */
    static final double SIGMA = 3.2;
    /** Errors are cut at six standard deviations, as SEAL does. */
    private static final long BOUND = (long)Math.ceil(6 * SIGMA);

    private final CkksContext ctx;
    private final SecureRandom random;

    Sampler(final CkksContext ctx, final SecureRandom random)
    {
        this.ctx = ctx;
        this.random = random;
    }

    /** Uniform over {-1, 0, 1}. */
    long[] ternary()
    {
        final long[] out = new long[ctx.n()];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = random.nextInt(3) - 1;
        }
        return out;
    }

    /** Rounded Gaussian with sigma 3.2, cut at 6 sigma. */
    long[] gaussian()
    {
        final long[] out = new long[ctx.n()];
        for (int i = 0; i < out.length; i++)
        {
            long e;
            do
            {
                e = Math.round(random.nextGaussian() * SIGMA);
            }
            while (Math.abs(e) > BOUND);
            out[i] = e;
        }
        return out;
    }

    /** Uniform residues for the data limbs 0..limbs-1 and, if asked, the special prime (NTT form is uniform too). */
    long[] uniform(final int limbs, final boolean withSpecial)
    {
        final int n = ctx.n();
        final int total = limbs + (withSpecial ? 1 : 0);
        final long[] out = new long[total * n];
        for (int l = 0; l < total; l++)
        {
            final long q = ctx.modulus(l < limbs ? l : ctx.specialIndex()).value();
            final int shift = Long.numberOfLeadingZeros(q);
            for (int i = l * n, end = i + n; i < end; i++)
            {
                long x;
                do
                {
                    x = random.nextLong() >>> shift;
                }
                while (x >= q);
                out[i] = x;
            }
        }
        return out;
    }
}
