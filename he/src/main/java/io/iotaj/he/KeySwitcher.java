package io.iotaj.he;

/**
 * Hybrid key switching through the special prime P: a component c over limbs q_0..q_{l-1} is split
 * into its residues [c]_{q_i} (the digits), each lifted to every limb and P, multiplied by the digit's
 * key and summed, then divided by P with rounding. Decomposition is separate from the inner product so
 * several rotations of one ciphertext can share it (hoisting): a Galois automorphism commutes with the
 * digits, so it is applied as an index permutation while reading them.
 */
final class KeySwitcher
{
    private final CkksContext ctx;

    KeySwitcher(final CkksContext ctx)
    {
        this.ctx = ctx;
    }

    /** Digits of c (NTT form, limbs limbs): digit i has limbs + 1 limbs in NTT form, the last mod P. */
    long[][] decompose(final long[] c, final int limbs)
    {
        final int n = ctx.n();
        final long[][] digits = new long[limbs][];
        CkksContext.forEachLimb(limbs, i ->
        {
            final long[] coefficients = new long[n];
            System.arraycopy(c, i * n, coefficients, 0, n);
            ctx.ntt(i).inverse(coefficients, 0);
            final long qi = ctx.modulus(i).value();
            final long half = qi >>> 1;
            final long[] digit = new long[(limbs + 1) * n];
            for (int j = 0; j <= limbs; j++)
            {
                final int base = j * n;
                if (j == i)
                {
                    System.arraycopy(c, i * n, digit, base, n);
                    continue;
                }
                final int index = j < limbs ? j : ctx.specialIndex();
                final Modulus target = ctx.modulus(index);
                final long qj = target.value();
                final long qiModQj = qi % qj;
                for (int k = 0; k < n; k++)
                {
                    // Centred digits halve the key-switching noise against digits in [0, q_i).
                    final long x = coefficients[k];
                    long r = target.reduceNonNegative(x);
                    if (x > half)
                    {
                        r -= qiModQj;
                        if (r < 0)
                        {
                            r += qj;
                        }
                    }
                    digit[base + k] = r;
                }
                ctx.ntt(index).forward(digit, base);
            }
            digits[i] = digit;
        });
        return digits;
    }

    /**
     * Sum over digits of permuted digit times key, then division by P. Returns {d0, d1} over limbs limbs
     * such that d0 + d1 s ~ sigma(c) s' where sigma is the permutation (null for none).
     */
    long[][] switchDigits(final long[][] digits, final int limbs, final KeySwitchKey key, final int[] permutation)
    {
        final int n = ctx.n();
        final long[] acc0 = new long[(limbs + 1) * n];
        final long[] acc1 = new long[(limbs + 1) * n];
        CkksContext.forEachLimb(limbs + 1, j ->
        {
            final int index = j < limbs ? j : ctx.specialIndex();
            final Modulus q = ctx.modulus(index);
            final long qv = q.value();
            final int base = j * n;
            final int keyBase = index * n;
            for (int i = 0; i < digits.length; i++)
            {
                final long[] digit = digits[i];
                final long[] kb = key.b[i];
                final long[] ka = key.a[i];
                for (int k = 0; k < n; k++)
                {
                    final long d = digit[base + (permutation == null ? k : permutation[k])];
                    final long s0 = acc0[base + k] + q.mul(d, kb[keyBase + k]);
                    acc0[base + k] = s0 >= qv ? s0 - qv : s0;
                    final long s1 = acc1[base + k] + q.mul(d, ka[keyBase + k]);
                    acc1[base + k] = s1 >= qv ? s1 - qv : s1;
                }
            }
        });
        final long[] d0 = new long[limbs * n];
        final long[] d1 = new long[limbs * n];
        RnsPoly.divideRoundByLast(ctx, acc0, limbs, ctx.specialIndex(), d0);
        RnsPoly.divideRoundByLast(ctx, acc1, limbs, ctx.specialIndex(), d1);
        return new long[][]{d0, d1};
    }
}
