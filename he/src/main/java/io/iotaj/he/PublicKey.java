package io.iotaj.he;

/** An encryption of zero (b, a) = (-a s + e, a) over every prime, the special one included. */
public final class PublicKey
{
    final long[] b;
    final long[] a;

    PublicKey(final long[] b, final long[] a)
    {
        this.b = b;
        this.a = a;
    }
}
