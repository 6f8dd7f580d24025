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
            case 3: return 1; // I8, a scale and offset per row
            case 4: return 1; // I8C, a scale and offset per column
            default: return -1;
        }
    }

    /** Scale-and-offset entries an int8 tensor of {@code rows x width} carries (0 for float dtypes). */
    public static int scaleCount(final int rawDtype, final int rows, final int width)
    {
        return rawDtype == 3 ? rows : rawDtype == 4 ? width : 0;
    }

    public static int elementBytes(final Dtype dtype)
    {
        return elementBytes(dtype.value());
    }
}
