package io.iotaj.he.flow;

import java.util.Locale;

/** How the data owner and the model owner of one process talk. */
public enum Wire
{
    /** Two queues between two threads: no framing, no copies. */
    MEMORY,
    /** SBE Ciphertext frames over Aeron shared memory (IPC) on an embedded media driver. */
    AERON;

    public static Wire parse(final String name)
    {
        try
        {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("unknown wire '" + name + "' (use aeron or memory)");
        }
    }

    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
