package io.iotaj.transport.journal;

/** Which way a journaled frame went. */
public enum JournalDirection
{
    SENT,
    RECEIVED,
    /** Received but refused by validation or signature checks. */
    REFUSED;

    private static final JournalDirection[] VALUES = values();

    /** Direction by its stored code, or null when the code is not one. */
    public static JournalDirection fromCode(final int code)
    {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
