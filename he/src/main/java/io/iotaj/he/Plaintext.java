package io.iotaj.he;

/** An encoded message: a polynomial in NTT form over the first limbs data primes, at a scale. */
public final class Plaintext
{
    final long[] data;
    final int limbs;
    final double scale;

    Plaintext(final long[] data, final int limbs, final double scale)
    {
        this.data = data;
        this.limbs = limbs;
        this.scale = scale;
    }

    public int limbs()
    {
        return limbs;
    }

    public double scale()
    {
        return scale;
    }
}
