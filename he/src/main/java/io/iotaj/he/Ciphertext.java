package io.iotaj.he;

/**
 * A two-component CKKS ciphertext (c0, c1) in NTT form over the first limbs data primes; it decrypts
 * to c0 + c1 s = scale * message + noise.
 */
public final class Ciphertext
{
    final long[] c0;
    final long[] c1;
    final int limbs;
    final double scale;

    Ciphertext(final long[] c0, final long[] c1, final int limbs, final double scale)
    {
        this.c0 = c0;
        this.c1 = c1;
        this.limbs = limbs;
        this.scale = scale;
    }

    /** Number of RNS limbs left; one limb means no further rescale is possible. */
    public int limbs()
    {
        return limbs;
    }

    public double scale()
    {
        return scale;
    }

    public Ciphertext copy()
    {
        return new Ciphertext(c0.clone(), c1.clone(), limbs, scale);
    }
}
