package io.iotaj.runtime.swarm;

import io.iotaj.codecs.FrameValidator;
import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Decodes the payload of a validated Activation or Gradient frame into a tensor, and reads its pathway.
 * The int8 row scales and offsets go through arrays kept between frames.
 */
final class TensorFrameReader
{
    private static final int PATHWAY_GROUP = 0;
    private static final int ROW_SCALES_GROUP = 1;

    private final ActivationCodec codec;
    private float[] scales = new float[0];
    private float[] offsets = new float[0];

    TensorFrameReader(final Backend backend)
    {
        this.codec = new ActivationCodec(backend);
    }

    /** Decodes the frame's payload ({@code rows x width} of {@code kind}) into {@code dst}. */
    void decode(final DirectBuffer buffer, final FrameValidator v, final ActivationCodec.Kind kind, final int rows,
        final int width, final Tensor dst)
    {
        if (kind == ActivationCodec.Kind.I8 || kind == ActivationCodec.Kind.I8_COLUMNS)
        {
            final int n = v.groupCount(ROW_SCALES_GROUP);
            if (scales.length < n)
            {
                scales = new float[n];
                offsets = new float[n];
            }
            final int at = v.groupOffset(ROW_SCALES_GROUP);
            for (int r = 0; r < n; r++)
            {
                scales[r] = buffer.getFloat(at + 8 * r, ByteOrder.LITTLE_ENDIAN);
                offsets[r] = buffer.getFloat(at + 8 * r + 4, ByteOrder.LITTLE_ENDIAN);
            }
        }
        codec.decode(buffer, v.varOffset(0), rows, width, kind, scales, offsets, dst);
    }

    /** Copies the first {@code count} miner ids of the frame's pathway into {@code pathway}. */
    static void readPathway(final DirectBuffer buffer, final FrameValidator v, final long[] pathway, final int count)
    {
        final int at = v.groupOffset(PATHWAY_GROUP);
        for (int i = 0; i < count; i++)
        {
            pathway[i] = buffer.getLong(at + 8 * i, ByteOrder.LITTLE_ENDIAN);
        }
    }
}
