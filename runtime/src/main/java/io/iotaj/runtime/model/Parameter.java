package io.iotaj.runtime.model;

import io.iotaj.kernels.Tensor;

/** One named weight with its gradient accumulator (same shape). */
public record Parameter(String name, int[] shape, Tensor value, Tensor grad)
{
    public int size()
    {
        return value.size();
    }
}
