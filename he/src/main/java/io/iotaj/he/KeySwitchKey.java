package io.iotaj.he;

/**
 * Switches a component from a secret s' to s: digit i is (b_i, a_i) = (-a_i s + e_i + P s' [i-th CRT
 * idempotent], a_i) over every prime, one digit per data prime, all in NTT form; each a_i is the
 * expansion of a public seed, which is what travels.
 */
public final class KeySwitchKey
{
    final long[][] b;
    final long[][] a;
    final byte[][] seeds;

    KeySwitchKey(final long[][] b, final long[][] a, final byte[][] seeds)
    {
        this.b = b;
        this.a = a;
        this.seeds = seeds;
    }

    public int digits()
    {
        return b.length;
    }
}
