package io.iotaj.he;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Reproducible randomness for tests (production code always takes a fresh SecureRandom). */
public final class HeTestSupport
{
    private HeTestSupport()
    {
    }

    public static SecureRandom seededRandom(final long seed)
    {
        try
        {
            final SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
