package io.iotaj.he;

/**
 * Limb-wise arithmetic on polynomials stored as one flat long[] of limbs * N residues, limb i reduced
 * mod prime i of the context. Stateless; every method says which limbs it touches.
 */
final class RnsPoly
{
    private RnsPoly()
    {
    }

    static void add(final CkksContext ctx, final long[] a, final long[] b, final long[] out, final int limbs)
    {
        final int n = ctx.n();
        for (int l = 0; l < limbs; l++)
        {
            final long q = ctx.modulus(l).value();
            for (int i = l * n, end = i + n; i < end; i++)
            {
                final long s = a[i] + b[i];
                out[i] = s >= q ? s - q : s;
            }
        }
    }

    static void multiply(final CkksContext ctx, final long[] a, final long[] b, final long[] out, final int limbs)
    {
        final int n = ctx.n();
        for (int l = 0; l < limbs; l++)
        {
            final Modulus q = ctx.modulus(l);
            for (int i = l * n, end = i + n; i < end; i++)
            {
                out[i] = q.mul(a[i], b[i]);
            }
        }
    }

    /** acc += a * b, limb-wise. */
    static void multiplyAdd(final CkksContext ctx, final long[] a, final long[] b, final long[] acc, final int limbs)
    {
        final int n = ctx.n();
        for (int l = 0; l < limbs; l++)
        {
            final Modulus q = ctx.modulus(l);
            final long qv = q.value();
            for (int i = l * n, end = i + n; i < end; i++)
            {
                final long s = acc[i] + q.mul(a[i], b[i]);
                acc[i] = s >= qv ? s - qv : s;
            }
        }
    }

    /** Writes a signed small integer polynomial (|c| < every prime) into limbs of moduli 0..limbs-1 and
     *  optionally the special prime, then transforms each limb to NTT form. */
    static long[] fromSmall(final CkksContext ctx, final long[] coefficients, final int limbs, final boolean withSpecial)
    {
        final int n = ctx.n();
        final int total = limbs + (withSpecial ? 1 : 0);
        final long[] out = new long[total * n];
        CkksContext.forEachLimb(total, l ->
        {
            final int index = l < limbs ? l : ctx.specialIndex();
            final Modulus q = ctx.modulus(index);
            final int base = l * n;
            for (int i = 0; i < n; i++)
            {
                out[base + i] = q.reduce(coefficients[i]);
            }
            ctx.ntt(index).forward(out, base);
        });
        return out;
    }

    /**
     * Divides by the prime of the last limb and rounds: for each kept limb j,
     * out_j = (x_j - [x]_last) * last^-1 mod q_j with [x]_last the centred residue. src has keep + 1
     * limbs in NTT form, the last one reduced mod prime lastIndex; out gets keep limbs in NTT form.
     */
    static void divideRoundByLast(
        final CkksContext ctx, final long[] src, final int keep, final int lastIndex, final long[] out)
    {
        final int n = ctx.n();
        final long[] last = new long[n];
        System.arraycopy(src, keep * n, last, 0, n);
        ctx.ntt(lastIndex).inverse(last, 0);
        final long lastValue = ctx.modulus(lastIndex).value();
        final long half = lastValue >>> 1;
        CkksContext.forEachLimb(keep, j ->
        {
            final Modulus q = ctx.modulus(j);
            final long qv = q.value();
            final long lastModQ = lastValue % qv;
            final long inverse = ctx.inverseOf(lastIndex, j);
            final long inverseShoup = q.shoup(inverse);
            final long[] t = new long[n];
            for (int i = 0; i < n; i++)
            {
                final long x = last[i];
                long r = q.reduceNonNegative(x);
                if (x > half)
                {
                    r -= lastModQ;
                    if (r < 0)
                    {
                        r += qv;
                    }
                }
                t[i] = r;
            }
            ctx.ntt(j).forward(t, 0);
            final int base = j * n;
            for (int i = 0; i < n; i++)
            {
                final long d = src[base + i] - t[i];
                out[base + i] = q.mulShoup(d < 0 ? d + qv : d, inverse, inverseShoup);
            }
        });
    }
}
