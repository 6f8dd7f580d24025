package io.iotaj.he;

/**
 * The ternary secret s in NTT form over every prime, the special one included. It stays with the data
 * owner: it is not Serializable, {@link HeCodec} has no method for it and toString never shows it.
 */
public final class SecretKey
{
    final long[] s;

    SecretKey(final long[] s)
    {
        this.s = s;
    }

    @Override
    public String toString()
    {
        return "SecretKey(redacted)";
    }
}
