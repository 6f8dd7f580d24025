package io.iotaj.he;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;

/**
 * Expands a 32-byte seed into the uniform polynomial a of a public or key-switching key with AES-256 in
 * counter mode, so keys travel as (b, seed) instead of (b, a) and take half the bytes, as SEAL's
 * seeded serialisation does. Sender and receiver expand the same seed to the same residues.
 */
final class SeededUniform
{
    static final int SEED_BYTES = 32;

    private SeededUniform()
    {
    }

    /** Uniform residues over all data limbs and the special prime, NTT form (uniform either way). */
    static long[] expand(final CkksContext ctx, final byte[] seed)
    {
        if (seed.length != SEED_BYTES)
        {
            throw new IllegalArgumentException("seed must be " + SEED_BYTES + " bytes");
        }
        final Cipher aes;
        try
        {
            aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"), new IvParameterSpec(new byte[16]));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("AES-CTR is not available", ex);
        }
        final int n = ctx.n();
        final int limbs = ctx.specialIndex() + 1;
        final long[] out = new long[limbs * n];
        final byte[] zeros = new byte[8 * n];
        ByteBuffer stream = ByteBuffer.wrap(aes.update(zeros)).order(ByteOrder.LITTLE_ENDIAN);
        for (int l = 0; l < limbs; l++)
        {
            final long q = ctx.modulus(l).value();
            final int shift = Long.numberOfLeadingZeros(q);
            for (int i = l * n, end = i + n; i < end; i++)
            {
                long x;
                do
                {
                    if (!stream.hasRemaining())
                    {
                        stream = ByteBuffer.wrap(aes.update(zeros)).order(ByteOrder.LITTLE_ENDIAN);
                    }
                    x = stream.getLong() >>> shift;
                }
                while (x >= q);
                out[i] = x;
            }
        }
        return out;
    }
}
