package io.iotaj.he;

/**
 * Switches a component from a secret s' to s: digit i is (b_i, a_i) = (-a_i s + e_i + P s' [i-th CRT
 * idempotent], a_i) over every prime, one digit per data prime, all in NTT form.
 */
public final class KeySwitchKey
{
    final long[][] b;
    final long[][] a;

    KeySwitchKey(final long[][] b, final long[][] a)
    {
        this.b = b;
        this.a = a;
    }

    public int digits()
    {
        return b.length;
    }
}
