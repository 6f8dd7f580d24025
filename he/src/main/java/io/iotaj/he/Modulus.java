package io.iotaj.he;

import java.math.BigInteger;

/**
 * One prime modulus q below 2^61 with the constants for Barrett reduction of 128-bit products and
 * Shoup multiplication by a fixed operand. All operands are residues in [0, q).
 */
public final class Modulus
{
    private final long value;
    private final int bits;
    private final long barrettMu;
    private final int shiftIn;
    private final int shiftOut;
    private final boolean word;
    private final long wordRatio;

    public Modulus(final long value)
    {
        if (value < 3 || value >= (1L << 61) || (value & 1) == 0)
        {
            throw new IllegalArgumentException("modulus must be odd and in [3, 2^61): " + value);
        }
        this.value = value;
        this.bits = 64 - Long.numberOfLeadingZeros(value);
        this.barrettMu = BigInteger.ONE.shiftLeft(2 * bits).divide(BigInteger.valueOf(value)).longValueExact();
        this.shiftIn = bits - 1;
        this.shiftOut = bits + 1;
        this.word = bits <= 31;
        this.wordRatio = Long.divideUnsigned(-1L, value);
    }

    public long value()
    {
        return value;
    }

    public int bits()
    {
        return bits;
    }

    public long add(final long a, final long b)
    {
        final long s = a + b;
        return s >= value ? s - value : s;
    }

    public long sub(final long a, final long b)
    {
        final long d = a - b;
        return d < 0 ? d + value : d;
    }

    /**
     * a * b mod q by Barrett reduction: for primes of at most 31 bits the product fits in 62 bits and one
     * high multiply by floor(2^64 / q) estimates the quotient; wider primes reduce the 128-bit product
     * (HAC 14.42 with base 2).
     */
    public long mul(final long a, final long b)
    {
        if (word)
        {
            final long x = a * b;
            final long r = x - Math.multiplyHigh(x, wordRatio) * value;
            return r >= value ? r - value : r;
        }
        final long hi = Math.multiplyHigh(a, b);
        final long lo = a * b;
        final long t = (hi << (64 - shiftIn)) | (lo >>> shiftIn);
        final long qHat = (Math.multiplyHigh(t, barrettMu) << (64 - shiftOut)) | ((t * barrettMu) >>> shiftOut);
        long r = lo - qHat * value;
        if (r >= value)
        {
            r -= value;
        }
        return r >= value ? r - value : r;
    }

    /** x mod q for 0 <= x < 2^63 by one high multiply with floor(2^64 / q), no division. */
    public long reduceNonNegative(final long x)
    {
        final long r = x - Math.multiplyHigh(x, wordRatio) * value;
        return r >= value ? r - value : r;
    }

    /** Reduces any signed 64-bit value into [0, q). */
    public long reduce(final long x)
    {
        final long r = x % value;
        return r < 0 ? r + value : r;
    }

    /** floor(w * 2^64 / q): the Shoup companion of a fixed multiplicand w. */
    public long shoup(final long w)
    {
        return BigInteger.valueOf(w).shiftLeft(64).divide(BigInteger.valueOf(value)).longValue();
    }

    /** a * w mod q with w's Shoup companion; a may be any value below 2^63. */
    public long mulShoup(final long a, final long w, final long wShoup)
    {
        final long r = mulShoupLazy(a, w, wShoup);
        return r >= value ? r - value : r;
    }

    /** a * w mod q up to one extra q: the result is in [0, 2q). */
    public long mulShoupLazy(final long a, final long w, final long wShoup)
    {
        final long quotient = Math.multiplyHigh(a, wShoup) + (wShoup < 0 ? a : 0);
        return a * w - quotient * value;
    }

    public long pow(final long base, final long exponent)
    {
        long result = 1;
        long b = base % value;
        for (long e = exponent; e > 0; e >>>= 1)
        {
            if ((e & 1) != 0)
            {
                result = mul(result, b);
            }
            b = mul(b, b);
        }
        return result;
    }

    /** Inverse of a mod q (q prime). */
    public long inverse(final long a)
    {
        final long r = reduce(a);
        if (r == 0)
        {
            throw new ArithmeticException("0 has no inverse mod " + value);
        }
        return pow(r, value - 2);
    }

    @Override
    public String toString()
    {
        return "Modulus(" + value + ", " + bits + " bits)";
    }
}
