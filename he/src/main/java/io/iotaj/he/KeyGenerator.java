package io.iotaj.he;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/** Generates the secret key and the public, relinearisation and Galois keys derived from it. */
public final class KeyGenerator
{
    private final CkksContext ctx;
    private final Sampler sampler;
    private final SecretKey secretKey;

    public KeyGenerator(final CkksContext ctx, final SecureRandom random)
    {
        this.ctx = ctx;
        this.sampler = new Sampler(ctx, random);
        this.secretKey = new SecretKey(RnsPoly.fromSmall(ctx, sampler.ternary(), ctx.maxLimbs(), true));
    }

    public SecretKey secretKey()
    {
        return secretKey;
    }

    public PublicKey publicKey()
    {
        final int limbs = ctx.maxLimbs() + 1;
        final byte[] seed = sampler.seed();
        final long[] a = SeededUniform.expand(ctx, seed);
        final long[] e = RnsPoly.fromSmall(ctx, sampler.gaussian(), ctx.maxLimbs(), true);
        final long[] b = new long[a.length];
        multiplyAllLimbs(a, secretKey.s, b, limbs);
        subtractFromAllLimbs(e, b, b, limbs);
        return new PublicKey(b, a, seed);
    }

    /** Relinearisation key: switches from s^2 to s. */
    public KeySwitchKey relinKey()
    {
        final long[] s2 = new long[secretKey.s.length];
        multiplyAllLimbs(secretKey.s, secretKey.s, s2, ctx.maxLimbs() + 1);
        return switchKey(s2);
    }

    /** Galois keys for the given left-rotation steps (negative steps rotate right). */
    public GaloisKeys galoisKeys(final int[] steps)
    {
        final Map<Integer, KeySwitchKey> keys = new HashMap<>();
        final int slots = ctx.slots();
        for (final int step : steps)
        {
            final int normalised = ((step % slots) + slots) % slots;
            if (normalised != 0 && !keys.containsKey(normalised))
            {
                final int[] perm = ctx.galoisPermutation(ctx.galoisElement(normalised));
                keys.put(normalised, switchKey(permute(secretKey.s, perm, ctx.maxLimbs() + 1)));
            }
        }
        return new GaloisKeys(keys);
    }

    /** Key that switches from newSecret (NTT form over every prime) to s. */
    private KeySwitchKey switchKey(final long[] newSecret)
    {
        final int n = ctx.n();
        final int dataLimbs = ctx.maxLimbs();
        final int limbs = dataLimbs + 1;
        final long[][] b = new long[dataLimbs][];
        final long[][] a = new long[dataLimbs][];
        final byte[][] seeds = new byte[dataLimbs][];
        final long p = ctx.modulus(ctx.specialIndex()).value();
        for (int i = 0; i < dataLimbs; i++)
        {
            seeds[i] = sampler.seed();
            a[i] = SeededUniform.expand(ctx, seeds[i]);
            final long[] e = RnsPoly.fromSmall(ctx, sampler.gaussian(), dataLimbs, true);
            final long[] bi = new long[limbs * n];
            multiplyAllLimbs(a[i], secretKey.s, bi, limbs);
            subtractFromAllLimbs(e, bi, bi, limbs);
            // Only limb i carries P * s': the CRT idempotent of q_i is 1 mod q_i and 0 mod the others.
            final Modulus qi = ctx.modulus(i);
            final long pModQ = p % qi.value();
            for (int k = i * n, end = k + n; k < end; k++)
            {
                bi[k] = qi.add(bi[k], qi.mul(pModQ, newSecret[k]));
            }
            b[i] = bi;
        }
        return new KeySwitchKey(b, a, seeds);
    }

    /** out = a * b over data limbs and the special limb (stored last). */
    private void multiplyAllLimbs(final long[] x, final long[] y, final long[] out, final int limbs)
    {
        final int n = ctx.n();
        for (int l = 0; l < limbs; l++)
        {
            final Modulus q = ctx.modulus(l < limbs - 1 ? l : ctx.specialIndex());
            for (int i = l * n, end = i + n; i < end; i++)
            {
                out[i] = q.mul(x[i], y[i]);
            }
        }
    }

    /** out = x - y over data limbs and the special limb. */
    private void subtractFromAllLimbs(final long[] x, final long[] y, final long[] out, final int limbs)
    {
        final int n = ctx.n();
        for (int l = 0; l < limbs; l++)
        {
            final Modulus q = ctx.modulus(l < limbs - 1 ? l : ctx.specialIndex());
            for (int i = l * n, end = i + n; i < end; i++)
            {
                out[i] = q.sub(x[i], y[i]);
            }
        }
    }

    private long[] permute(final long[] poly, final int[] perm, final int limbs)
    {
        final int n = ctx.n();
        final long[] out = new long[poly.length];
        for (int l = 0; l < limbs; l++)
        {
            final int base = l * n;
            for (int k = 0; k < n; k++)
            {
                out[base + k] = poly[base + perm[k]];
            }
        }
        return out;
    }
}
