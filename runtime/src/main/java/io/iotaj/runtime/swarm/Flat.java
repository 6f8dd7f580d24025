package io.iotaj.runtime.swarm;

import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;

import java.util.List;

/** Copies a list of tensors to and from one flat float vector, in list order. */
final class Flat
{
    private Flat()
    {
    }

    static void read(final Backend be, final List<Tensor> tensors, final float[] into)
    {
        int off = 0;
        float[] scratch = new float[0];
        for (final Tensor t : tensors)
        {
            if (scratch.length < t.size())
            {
                scratch = new float[t.size()];
            }
            be.read(t, scratch);
            System.arraycopy(scratch, 0, into, off, t.size());
            off += t.size();
        }
    }

    static void write(final Backend be, final float[] from, final List<Tensor> tensors)
    {
        int off = 0;
        for (final Tensor t : tensors)
        {
            be.write(java.util.Arrays.copyOfRange(from, off, off + t.size()), t);
            off += t.size();
        }
    }
}
