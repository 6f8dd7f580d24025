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

    /** Fresh random bytes for a {@link SeededUniform} expansion. */
    byte[] seed()
    {
        final byte[] seed = new byte[SeededUniform.SEED_BYTES];
        random.nextBytes(seed);
        return seed;
    }
}
