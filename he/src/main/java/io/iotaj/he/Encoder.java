package io.iotaj.he;

import java.math.BigInteger;

/**
 * Canonical-embedding encoder: a real vector of up to N/2 slots becomes the integer polynomial whose
 * evaluations at the primitive 2N-th roots zeta^(5^j) are the slots times the scale. Uses the special
 * FFT over the rotation group 5^j mod 2N, so slot rotation by r is the automorphism X -> X^(5^r).
 */
public final class Encoder
{
    private final CkksContext ctx;
    private final int slots;
    private final int m;
    private final int[] rotationGroup;
    private final double[] cosTable;
    private final double[] sinTable;

    public Encoder(final CkksContext ctx)
    {
        this.ctx = ctx;
        this.slots = ctx.slots();
        this.m = 2 * ctx.n();
        rotationGroup = new int[slots];
        long five = 1;
        for (int j = 0; j < slots; j++)
        {
            rotationGroup[j] = (int)five;
            five = (five * 5) % m;
        }
        cosTable = new double[m + 1];
        sinTable = new double[m + 1];
        for (int k = 0; k <= m; k++)
        {
            final double angle = 2 * Math.PI * k / m;
            cosTable[k] = Math.cos(angle);
            sinTable[k] = Math.sin(angle);
        }
    }

    /** Encodes values (zero-padded to N/2 slots) at a scale over the first limbs data primes. */
    public Plaintext encode(final double[] values, final int limbs, final double scale)
    {
        if (values.length > slots)
        {
            throw new IllegalArgumentException(values.length + " values do not fit in " + slots + " slots");
        }
        final double[] re = new double[slots];
        final double[] im = new double[slots];
        System.arraycopy(values, 0, re, 0, values.length);
        inverseSpecialFft(re, im);
        final int n = ctx.n();
        final long[] coefficients = new long[n];
        final double limit = Math.scalb(1.0, 62);
        for (int i = 0; i < slots; i++)
        {
            final double r = Math.rint(re[i] * scale);
            final double s = Math.rint(im[i] * scale);
            if (Math.abs(r) >= limit || Math.abs(s) >= limit || Double.isNaN(r) || Double.isNaN(s))
            {
                throw new IllegalArgumentException("value too large to encode at scale 2^" +
                    Math.round(Math.log(scale) / Math.log(2)));
            }
            coefficients[i] = (long)r;
            coefficients[i + slots] = (long)s;
        }
        return new Plaintext(RnsPoly.fromSmall(ctx, coefficients, limbs, false), limbs, scale);
    }

    /** Decodes the real parts of all N/2 slots. */
    public double[] decode(final Plaintext plaintext)
    {
        final double[] coefficients = centredCoefficients(plaintext.data, plaintext.limbs);
        final double[] re = new double[slots];
        final double[] im = new double[slots];
        for (int i = 0; i < slots; i++)
        {
            re[i] = coefficients[i] / plaintext.scale;
            im[i] = coefficients[i + slots] / plaintext.scale;
        }
        specialFft(re, im);
        return re;
    }

    /** CRT-composes the limbs (NTT form) into centred coefficients as doubles. */
    private double[] centredCoefficients(final long[] data, final int limbs)
    {
        final int n = ctx.n();
        final long[] copy = new long[limbs * n];
        System.arraycopy(data, 0, copy, 0, limbs * n);
        for (int l = 0; l < limbs; l++)
        {
            ctx.ntt(l).inverse(copy, l * n);
        }
        final double[] out = new double[n];
        if (limbs == 1)
        {
            final long q = ctx.modulus(0).value();
            for (int i = 0; i < n; i++)
            {
                out[i] = copy[i] > q >>> 1 ? copy[i] - q : copy[i];
            }
            return out;
        }
        BigInteger product = BigInteger.ONE;
        for (int l = 0; l < limbs; l++)
        {
            product = product.multiply(BigInteger.valueOf(ctx.modulus(l).value()));
        }
        final BigInteger half = product.shiftRight(1);
        final BigInteger[] basis = new BigInteger[limbs];
        for (int l = 0; l < limbs; l++)
        {
            final BigInteger q = BigInteger.valueOf(ctx.modulus(l).value());
            final BigInteger rest = product.divide(q);
            basis[l] = rest.multiply(rest.modInverse(q)).mod(product);
        }
        for (int i = 0; i < n; i++)
        {
            BigInteger x = BigInteger.ZERO;
            for (int l = 0; l < limbs; l++)
            {
                x = x.add(basis[l].multiply(BigInteger.valueOf(copy[l * n + i])));
            }
            x = x.mod(product);
            if (x.compareTo(half) > 0)
            {
                x = x.subtract(product);
            }
            out[i] = x.doubleValue();
        }
        return out;
    }

    /** Evaluates at the slot roots: coefficient pairs to slot values, in place. */
    private void specialFft(final double[] re, final double[] im)
    {
        bitReverse(re, im);
        for (int len = 2; len <= slots; len <<= 1)
        {
            final int half = len >> 1;
            final int quarterRoots = len << 2;
            for (int i = 0; i < slots; i += len)
            {
                for (int j = 0; j < half; j++)
                {
                    final int index = (rotationGroup[j] % quarterRoots) * (m / quarterRoots);
                    final double wr = cosTable[index];
                    final double wi = sinTable[index];
                    final int a = i + j;
                    final int b = a + half;
                    final double vr = re[b] * wr - im[b] * wi;
                    final double vi = re[b] * wi + im[b] * wr;
                    final double ur = re[a];
                    final double ui = im[a];
                    re[a] = ur + vr;
                    im[a] = ui + vi;
                    re[b] = ur - vr;
                    im[b] = ui - vi;
                }
            }
        }
    }

    /** Inverse of {@link #specialFft}: slot values to coefficient pairs, in place. */
    private void inverseSpecialFft(final double[] re, final double[] im)
    {
        for (int len = slots; len >= 2; len >>= 1)
        {
            final int half = len >> 1;
            final int quarterRoots = len << 2;
            for (int i = 0; i < slots; i += len)
            {
                for (int j = 0; j < half; j++)
                {
                    final int index = (quarterRoots - (rotationGroup[j] % quarterRoots)) * (m / quarterRoots);
                    final double wr = cosTable[index];
                    final double wi = sinTable[index];
                    final int a = i + j;
                    final int b = a + half;
                    final double ur = re[a] + re[b];
                    final double ui = im[a] + im[b];
                    final double dr = re[a] - re[b];
                    final double di = im[a] - im[b];
                    re[a] = ur;
                    im[a] = ui;
                    re[b] = dr * wr - di * wi;
                    im[b] = dr * wi + di * wr;
                }
            }
        }
        bitReverse(re, im);
        for (int i = 0; i < slots; i++)
        {
            re[i] /= slots;
            im[i] /= slots;
        }
    }

    private void bitReverse(final double[] re, final double[] im)
    {
        final int bits = Integer.numberOfTrailingZeros(slots);
        for (int i = 0; i < slots; i++)
        {
            final int j = Ntt.bitReverse(i, bits);
            if (i < j)
            {
                final double tr = re[i];
                re[i] = re[j];
                re[j] = tr;
                final double ti = im[i];
                im[i] = im[j];
                im[j] = ti;
            }
        }
    }
}
