package io.iotaj.he;

import java.util.ArrayList;
import java.util.List;

/**
 * Homomorphic operations on ciphertexts. Scales are tracked exactly as doubles; a product must be
 * rescaled by the caller (rescale divides by the last prime and drops it). Operations that would leave
 * a ciphertext undecryptable throw {@link NoiseBudgetExhaustedException}.
 */
public final class Evaluator
{
    private static final double SCALE_TOLERANCE = 1e-9;

    private final CkksContext ctx;
    private final KeySwitcher keySwitcher;

    public Evaluator(final CkksContext ctx)
    {
        this.ctx = ctx;
        this.keySwitcher = new KeySwitcher(ctx);
    }

    public Ciphertext add(final Ciphertext a, final Ciphertext b)
    {
        requireSameLevel(a.limbs, a.scale, b.limbs, b.scale, "add");
        final int size = a.limbs * ctx.n();
        final long[] c0 = new long[size];
        final long[] c1 = new long[size];
        RnsPoly.add(ctx, a.c0, b.c0, c0, a.limbs);
        RnsPoly.add(ctx, a.c1, b.c1, c1, a.limbs);
        return new Ciphertext(c0, c1, a.limbs, a.scale);
    }

    /** a += b in place (same limbs and scale); used to accumulate sums without allocating. */
    public void addInPlace(final Ciphertext a, final Ciphertext b)
    {
        requireSameLevel(a.limbs, a.scale, b.limbs, b.scale, "add");
        RnsPoly.add(ctx, a.c0, b.c0, a.c0, a.limbs);
        RnsPoly.add(ctx, a.c1, b.c1, a.c1, a.limbs);
    }

    public Ciphertext addPlain(final Ciphertext a, final Plaintext p)
    {
        if (p.limbs < a.limbs)
        {
            throw new IllegalArgumentException("add-plain: plaintext has " + p.limbs + " limbs, ciphertext " + a.limbs);
        }
        requireSameLevel(a.limbs, a.scale, a.limbs, p.scale, "add-plain");
        final long[] c0 = new long[a.limbs * ctx.n()];
        RnsPoly.add(ctx, a.c0, p.data, c0, a.limbs);
        return new Ciphertext(c0, a.c1.clone(), a.limbs, a.scale);
    }

    /** a * p without rescaling: the result's scale is the product of the scales. */
    public Ciphertext multiplyPlain(final Ciphertext a, final Plaintext p)
    {
        final Ciphertext out = new Ciphertext(
            new long[a.limbs * ctx.n()], new long[a.limbs * ctx.n()], a.limbs, productScale(a, p.scale, p.limbs));
        RnsPoly.multiply(ctx, a.c0, p.data, out.c0, a.limbs);
        RnsPoly.multiply(ctx, a.c1, p.data, out.c1, a.limbs);
        return out;
    }

    /** acc += a * p (acc must already have the product's limbs and scale). */
    public void multiplyPlainAccumulate(final Ciphertext a, final Plaintext p, final Ciphertext acc)
    {
        requireSameLevel(acc.limbs, acc.scale, a.limbs, productScale(a, p.scale, p.limbs), "multiply-accumulate");
        RnsPoly.multiplyAdd(ctx, a.c0, p.data, acc.c0, a.limbs);
        RnsPoly.multiplyAdd(ctx, a.c1, p.data, acc.c1, a.limbs);
    }

    /** a^2 relinearised back to two components with the relinearisation key; not rescaled. */
    public Ciphertext square(final Ciphertext a, final KeySwitchKey relinKey)
    {
        final double scale = productScale(a, a.scale, a.limbs);
        final int limbs = a.limbs;
        final int size = limbs * ctx.n();
        final long[] d0 = new long[size];
        final long[] d1 = new long[size];
        final long[] d2 = new long[size];
        RnsPoly.multiply(ctx, a.c0, a.c0, d0, limbs);
        RnsPoly.multiply(ctx, a.c0, a.c1, d1, limbs);
        RnsPoly.add(ctx, d1, d1, d1, limbs);
        RnsPoly.multiply(ctx, a.c1, a.c1, d2, limbs);
        final long[][] switched = keySwitcher.switchDigits(keySwitcher.decompose(d2, limbs), limbs, relinKey, null);
        RnsPoly.add(ctx, d0, switched[0], d0, limbs);
        RnsPoly.add(ctx, d1, switched[1], d1, limbs);
        return new Ciphertext(d0, d1, limbs, scale);
    }

    /** Divides by the last prime (rounding) and drops it; the scale is divided by that prime. */
    public Ciphertext rescale(final Ciphertext a)
    {
        if (a.limbs < 2)
        {
            throw new NoiseBudgetExhaustedException("noise budget exhausted: the ciphertext is at its last prime (" +
                ctx.modulus(0).bits() + " bits) and cannot be rescaled; parameter set " + ctx.parameters() +
                " allows " + (ctx.maxLimbs() - 1) + " rescales");
        }
        final int keep = a.limbs - 1;
        final long[] c0 = new long[keep * ctx.n()];
        final long[] c1 = new long[keep * ctx.n()];
        RnsPoly.divideRoundByLast(ctx, a.c0, keep, keep, c0);
        RnsPoly.divideRoundByLast(ctx, a.c1, keep, keep, c1);
        return new Ciphertext(c0, c1, keep, a.scale / ctx.modulus(keep).value());
    }

    /**
     * Left rotation of the slots by step. With a key for that step this is one key switch; otherwise the
     * step is composed from the keys present along its non-adjacent form (SEAL's rotate_vector does the
     * same with its power-of-two keys).
     */
    public Ciphertext rotate(final Ciphertext a, final int step, final GaloisKeys keys)
    {
        final int slots = ctx.slots();
        final int normalised = ((step % slots) + slots) % slots;
        if (normalised == 0)
        {
            return a.copy();
        }
        if (keys.has(normalised))
        {
            return rotateOnce(a, keySwitcher.decompose(a.c1, a.limbs), normalised, keys);
        }
        Ciphertext out = a;
        for (final int part : nonAdjacentForm(normalised, slots))
        {
            out = rotateOnce(out, keySwitcher.decompose(out.c1, out.limbs), part, keys);
        }
        return out;
    }

    /**
     * Rotations of one ciphertext by several steps sharing one decomposition (hoisting): the costly
     * inverse and forward transforms of the digits happen once, each step only permutes and multiplies.
     * Every step needs its own key; step 0 returns a copy.
     */
    public Ciphertext[] rotateHoisted(final Ciphertext a, final int[] steps, final GaloisKeys keys)
    {
        final long[][] digits = keySwitcher.decompose(a.c1, a.limbs);
        final Ciphertext[] out = new Ciphertext[steps.length];
        for (int i = 0; i < steps.length; i++)
        {
            final int normalised = ((steps[i] % ctx.slots()) + ctx.slots()) % ctx.slots();
            out[i] = normalised == 0 ? a.copy() : rotateOnce(a, digits, normalised, keys);
        }
        return out;
    }

    /** Signed powers of two summing to step (non-adjacent form), each normalised to [0, slots). */
    public static int[] nonAdjacentForm(final int step, final int slots)
    {
        final List<Integer> parts = new ArrayList<>();
        int value = step;
        for (int bit = 1; value != 0; bit <<= 1)
        {
            if ((value & 1) != 0)
            {
                final int digit = (value & 3) == 3 ? -1 : 1;
                parts.add(((digit * bit) % slots + slots) % slots);
                value -= digit;
            }
            value >>= 1;
        }
        return parts.stream().mapToInt(Integer::intValue).toArray();
    }

    private Ciphertext rotateOnce(final Ciphertext a, final long[][] digits, final int step, final GaloisKeys keys)
    {
        final int[] perm = ctx.galoisPermutation(ctx.galoisElement(step));
        final long[][] switched = keySwitcher.switchDigits(digits, a.limbs, keys.key(step), perm);
        final int n = ctx.n();
        final long[] c0 = switched[0];
        for (int l = 0; l < a.limbs; l++)
        {
            final long q = ctx.modulus(l).value();
            final int base = l * n;
            for (int k = 0; k < n; k++)
            {
                final long s = c0[base + k] + a.c0[base + perm[k]];
                c0[base + k] = s >= q ? s - q : s;
            }
        }
        return new Ciphertext(c0, switched[1], a.limbs, a.scale);
    }

    private double productScale(final Ciphertext a, final double otherScale, final int otherLimbs)
    {
        if (otherLimbs < a.limbs)
        {
            throw new IllegalArgumentException("plaintext has " + otherLimbs + " limbs, ciphertext " + a.limbs);
        }
        final double scale = a.scale * otherScale;
        final double bits = Math.log(scale) / Math.log(2);
        final double available = ctx.log2Modulus(a.limbs) - 1;
        if (bits >= available)
        {
            throw new NoiseBudgetExhaustedException(String.format(
                "noise budget exhausted: a product at scale 2^%.1f does not fit the remaining %.1f-bit modulus " +
                "(%d limbs); rescale first or use a parameter set with more primes", bits, available + 1, a.limbs));
        }
        return scale;
    }

    private static void requireSameLevel(
        final int limbsA, final double scaleA, final int limbsB, final double scaleB, final String what)
    {
        if (limbsA != limbsB || Math.abs(scaleA - scaleB) > SCALE_TOLERANCE * scaleA)
        {
            throw new IllegalArgumentException(what + ": operands differ (limbs " + limbsA + " vs " + limbsB +
                ", scale " + scaleA + " vs " + scaleB + ")");
        }
    }
}
