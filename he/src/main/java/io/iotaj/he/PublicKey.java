package io.iotaj.he;

/**
 * An encryption of zero (b, a) = (-a s + e, a) over every prime, the special one included; a is the
 * expansion of a public seed, which is what travels.
 */
public final class PublicKey
{
    final long[] b;
    final long[] a;
    final byte[] seed;

    PublicKey(final long[] b, final long[] a, final byte[] seed)
    {
        this.b = b;
        this.a = a;
        this.seed = seed;
    }
}
