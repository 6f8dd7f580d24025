package io.iotaj.runtime.swarm;

import io.iotaj.codecs.Crc32cChecksum;
import io.iotaj.codecs.FrameValidator;
import io.iotaj.codecs.sbe.Dtype;
import io.iotaj.codecs.sbe.MessageHeaderDecoder;
import io.iotaj.codecs.sbe.MessageHeaderEncoder;
import io.iotaj.codecs.sbe.ParamChunkDecoder;
import io.iotaj.codecs.sbe.ParamChunkEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Writes and reads float32 {@code ParamChunk} frames: one slice of a flat float vector (a replica's merge
 * state, or a miner's weights reported to a validator). One encoder buffer, reused; decoding is in place.
 */
final class ParamChunks
{
    static final int CHUNK_ELEMENTS = 16 * 1024;

    private final ParamChunkEncoder encoder = new ParamChunkEncoder();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ParamChunkDecoder decoder = new ParamChunkDecoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final Crc32cChecksum crc = new Crc32cChecksum();
    private final ExpandableDirectByteBuffer frame = new ExpandableDirectByteBuffer(CHUNK_ELEMENTS * 4 + 128);

    /** Chunks needed for a vector of {@code length} elements. */
    static int chunks(final int length)
    {
        return (length + CHUNK_ELEMENTS - 1) / CHUNK_ELEMENTS;
    }

    MutableDirectBuffer frame()
    {
        return frame;
    }

    /** Encodes chunk {@code chunk} of {@code values} at offset 0 of {@link #frame()}; returns the frame length. */
    int encode(final long runId, final int stage, final int round, final int chunk, final int sender,
        final float[] values)
    {
        final int start = chunk * CHUNK_ELEMENTS;
        final int count = Math.min(CHUNK_ELEMENTS, values.length - start);
        encoder.wrapAndApplyHeader(frame, 0, header)
            .runId(runId).stage(stage).dtype(Dtype.F32).mergeRound(round).chunkIndex(chunk)
            .elementOffset(start).elementCount(count).sender(sender);
        final int payloadLengthAt = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        final int payloadAt = payloadLengthAt + ParamChunkEncoder.payloadHeaderLength();
        for (int i = 0; i < count; i++)
        {
            frame.putFloat(payloadAt + 4 * i, values[start + i], ByteOrder.LITTLE_ENDIAN);
        }
        frame.putInt(payloadLengthAt, 4 * count, ByteOrder.LITTLE_ENDIAN);
        encoder.payloadCrc32c(crc.compute(frame, payloadAt, 4 * count));
        return payloadAt + 4 * count;
    }

    /** Wraps a validated frame; the accessors below then describe it. */
    ParamChunks wrap(final DirectBuffer buffer, final int offset)
    {
        decoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        return this;
    }

    int sender()
    {
        return (int)decoder.sender();
    }

    int round()
    {
        return decoder.mergeRound();
    }

    int stage()
    {
        return decoder.stage();
    }

    long start()
    {
        return decoder.elementOffset();
    }

    int count()
    {
        return decoder.elementCount();
    }

    /** Whether the wrapped chunk is float32 and fits a vector of {@code length} elements. */
    boolean fits(final int length)
    {
        return decoder.dtype() == Dtype.F32 && start() >= 0 && start() + count() <= length;
    }

    /** Copies the wrapped chunk's payload into {@code into} at its element offset (call {@link #fits} first). */
    void copyInto(final DirectBuffer buffer, final FrameValidator validated, final float[] into)
    {
        final int payload = validated.varOffset(0);
        final int start = (int)start();
        final int count = count();
        for (int i = 0; i < count; i++)
        {
            into[start + i] = buffer.getFloat(payload + 4 * i, ByteOrder.LITTLE_ENDIAN);
        }
    }
}
