package io.iotaj.kernels.cpu;

import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;

/** A tensor on the Java heap: a float[] of exactly size() elements. */
public final class CpuTensor implements Tensor
{
    private final CpuBackend backend;
    private final int[] shape;
    private final float[] data;

    CpuTensor(final CpuBackend backend, final float[] data, final int... shape)
    {
        if (data.length != Tensor.sizeOf(shape))
        {
            throw new IllegalArgumentException("data length " + data.length + " does not match shape");
        }
        this.backend = backend;
        this.shape = shape.clone();
        this.data = data;
    }

    /** The backing array; writes are visible to the tensor. */
    public float[] data()
    {
        return data;
    }

    @Override
    public int[] shape()
    {
        return shape.clone();
    }

    @Override
    public int size()
    {
        return data.length;
    }

    @Override
    public Backend backend()
    {
        return backend;
    }

    /** The last dimension, or 1 for a scalar. */
    public int width()
    {
        return shape.length == 0 ? 1 : shape[shape.length - 1];
    }
}
