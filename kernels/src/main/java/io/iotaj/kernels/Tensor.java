package io.iotaj.kernels;

import java.util.Arrays;

/**
 * A dense float32 tensor owned by one {@link Backend}: row-major, shape fixed at allocation.
 * Where its memory lives (a Java array, a device allocation) is the backend's business.
 */
public interface Tensor
{
    int[] shape();

    /** Number of elements, the product of the shape. */
    int size();

    /** The backend that allocated it; ops only accept tensors of their own backend. */
    Backend backend();

    static int sizeOf(final int... shape)
    {
        long n = 1;
        for (final int d : shape)
        {
            if (d < 0)
            {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE - 16)
        {
            throw new IllegalArgumentException("tensor too large: " + Arrays.toString(shape));
        }
        return (int)n;
    }
}
