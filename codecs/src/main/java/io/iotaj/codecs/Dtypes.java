package io.iotaj.codecs;

import io.iotaj.codecs.sbe.Dtype;

/** Element sizes of the wire's tensor dtypes. */
public final class Dtypes
{
    private Dtypes()
    {
    }

    /** Bytes per element for a raw dtype code from the wire, or -1 when the code is not a known dtype. */
    public static int elementBytes(final int rawDtype)
    {
        switch (rawDtype)
        {
            case 0: return 4; // F32
            case 1: return 2; // BF16
            case 2: return 2; // F16
            case 3: return 1; // I8
            default: return -1;
        }
    }

    public static int elementBytes(final Dtype dtype)
    {
        return elementBytes(dtype.value());
    }
}
