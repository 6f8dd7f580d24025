package io.iotaj.transport;

import io.iotaj.codecs.TensorFrameEncoder;
import io.iotaj.codecs.TensorKind;
import io.iotaj.codecs.sbe.Dtype;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/** Valid frames for transport tests. */
final class TestFrames
{
    private static final long[] PATHWAY = { 1, 2 };
    private final TensorFrameEncoder encoder = new TensorFrameEncoder();
    private UnsafeBuffer payload = new UnsafeBuffer(new byte[0]);

    /** An F32 activation whose payload length is {@code rows x width x 4}; element i holds sampleId + i. */
    int activation(final MutableDirectBuffer buffer, final int offset, final long sampleId, final int rows,
        final int width)
    {
        final int length = rows * width * 4;
        if (payload.capacity() < length)
        {
            payload = new UnsafeBuffer(new byte[length]);
        }
        for (int i = 0; i < rows * width; i++)
        {
            payload.putFloat(i * 4, sampleId + i, ByteOrder.LITTLE_ENDIAN);
        }
        return encoder.encode(buffer, offset, TensorKind.ACTIVATION, 1, sampleId, 1, Dtype.F32, rows, width,
            PATHWAY, PATHWAY.length, null, null, payload, 0, length);
    }

    static int activationLength(final int rows, final int width)
    {
        return TensorFrameEncoder.frameLength(PATHWAY.length, 0, rows * width * 4);
    }
}
