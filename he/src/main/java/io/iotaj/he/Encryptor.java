package io.iotaj.he;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Public-key encryption: an encryption of zero (b u + e0, a u + e1) is drawn over all primes with the
 * special one, divided by P (which shrinks the noise to rounding size, as SEAL does), and the message is
 * added to the first component.
 */
public final class Encryptor
{
    private final CkksContext ctx;
    private final PublicKey publicKey;
    private final Sampler sampler;

    public Encryptor(final CkksContext ctx, final PublicKey publicKey, final SecureRandom random)
    {
        this.ctx = ctx;
        this.publicKey = publicKey;
        this.sampler = new Sampler(ctx, random);
    }

    public Ciphertext encrypt(final Plaintext plaintext)
    {
        final int n = ctx.n();
        final int dataLimbs = ctx.maxLimbs();
        final int all = dataLimbs + 1;
        final long[] u = RnsPoly.fromSmall(ctx, sampler.ternary(), dataLimbs, true);
        final long[] e0 = RnsPoly.fromSmall(ctx, sampler.gaussian(), dataLimbs, true);
        final long[] e1 = RnsPoly.fromSmall(ctx, sampler.gaussian(), dataLimbs, true);
        final long[] c0 = new long[all * n];
        final long[] c1 = new long[all * n];
        for (int l = 0; l < all; l++)
        {
            final Modulus q = ctx.modulus(l);
            for (int i = l * n, end = i + n; i < end; i++)
            {
                c0[i] = q.add(q.mul(publicKey.b[i], u[i]), e0[i]);
                c1[i] = q.add(q.mul(publicKey.a[i], u[i]), e1[i]);
            }
        }
        final int limbs = plaintext.limbs;
        final long[] out0 = new long[dataLimbs * n];
        final long[] out1 = new long[dataLimbs * n];
        RnsPoly.divideRoundByLast(ctx, c0, dataLimbs, ctx.specialIndex(), out0);
        RnsPoly.divideRoundByLast(ctx, c1, dataLimbs, ctx.specialIndex(), out1);
        final long[] r0 = Arrays.copyOf(out0, limbs * n);
        final long[] r1 = Arrays.copyOf(out1, limbs * n);
        RnsPoly.add(ctx, r0, plaintext.data, r0, limbs);
        return new Ciphertext(r0, r1, limbs, plaintext.scale);
    }
}
