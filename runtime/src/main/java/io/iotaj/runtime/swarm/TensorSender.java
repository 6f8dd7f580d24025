package io.iotaj.runtime.swarm;

import io.iotaj.codecs.Dtypes;
import io.iotaj.codecs.TensorFrameEncoder;
import io.iotaj.codecs.TensorKind;
import io.iotaj.codecs.sbe.Dtype;
import io.iotaj.kernels.Tensor;
import io.iotaj.transport.PublishResult;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

/**
 * Encodes a boundary tensor as an Activation or Gradient frame and sends it: payload through the
 * {@link ActivationCodec}, then the SBE frame with pathway, per-row scales and CRC. Buffers are reused.
 * Counts the payload bytes of forward activations, the figure compression is judged by.
 */
final class TensorSender
{
    private final SwarmLink link;
    private final ActivationCodec codec;
    private final TensorFrameEncoder encoder = new TensorFrameEncoder();
    private final ExpandableDirectByteBuffer payload = new ExpandableDirectByteBuffer(64 * 1024);
    private final ExpandableDirectByteBuffer frame = new ExpandableDirectByteBuffer(64 * 1024);
    private long activationPayloadBytes;
    private long activationFrameBytes;
    private int lastLength;

    TensorSender(final SwarmLink link, final ActivationCodec codec)
    {
        this.link = link;
        this.codec = codec;
    }

    PublishResult send(final int peer, final TensorKind kind, final long runId, final long wireSampleId,
        final int stage, final Tensor t, final int rows, final int width, final ActivationCodec.Kind wireKind,
        final long[] pathway, final int pathwayCount)
    {
        payload.checkLimit(ActivationCodec.payloadLength(wireKind, rows, width));
        final int payloadLength = codec.encode(t, rows, width, wireKind, payload, 0);
        final Dtype dtype = dtype(wireKind);
        final int scales = Dtypes.scaleCount(dtype.value(), rows, width);
        final int length = TensorFrameEncoder.frameLength(pathwayCount, scales, payloadLength);
        frame.checkLimit(length);
        encoder.encode(frame, 0, kind, runId, wireSampleId, stage, dtype, rows, width, pathway,
            pathwayCount, codec.rowScales(), codec.rowOffsets(), payload, 0, payloadLength);
        if (kind == TensorKind.ACTIVATION)
        {
            activationPayloadBytes += payloadLength;
            activationFrameBytes += length;
        }
        lastLength = length;
        return link.send(peer, frame, 0, length);
    }

    /** The last frame sent, at offset 0, {@link #lastLength()} bytes long (valid until the next send). */
    DirectBuffer lastFrame()
    {
        return frame;
    }

    int lastLength()
    {
        return lastLength;
    }

    long activationPayloadBytes()
    {
        return activationPayloadBytes;
    }

    long activationFrameBytes()
    {
        return activationFrameBytes;
    }

    static Dtype dtype(final ActivationCodec.Kind kind)
    {
        switch (kind)
        {
            case F32: return Dtype.F32;
            case BF16: return Dtype.BF16;
            case I8: return Dtype.I8;
            case I8_COLUMNS: return Dtype.I8C;
            default: throw new IllegalStateException(kind.name());
        }
    }

    static ActivationCodec.Kind kind(final Dtype dtype)
    {
        switch (dtype)
        {
            case F32: return ActivationCodec.Kind.F32;
            case BF16: return ActivationCodec.Kind.BF16;
            case I8: return ActivationCodec.Kind.I8;
            case I8C: return ActivationCodec.Kind.I8_COLUMNS;
            default: return null;
        }
    }
}
