package io.iotaj.transport.allreduce;

import io.iotaj.codecs.Crc32cChecksum;
import io.iotaj.codecs.sbe.ChunkKind;
import io.iotaj.codecs.sbe.Dtype;
import io.iotaj.codecs.sbe.MessageHeaderEncoder;
import io.iotaj.codecs.sbe.ParamChunkEncoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Cuts a chunk into {@code ParamChunk} frames and offers each frame to every destination of the
 * chunk before encoding the next one, resuming where it stopped when a link is back-pressured. A
 * frame is encoded in place with the SBE flyweights, its payload copied in bulk and its CRC32C taken
 * once, whatever the number of destinations: the frame names no receiver, so the same bytes serve
 * every one.
 */
final class ChunkSender
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final boolean BULK_COPY = ByteOrder.nativeOrder() == ORDER;
    private static final long FLOAT_ARRAY_BASE = UnsafeApi.arrayBaseOffset(float[].class);
    private static final int PAYLOAD_LENGTH_OFFSET = ChunkFraming.HEADER_LENGTH - ParamChunkEncoder.payloadHeaderLength();

    private final ChunkExchange exchange;
    private final int self;
    private final long runId;
    private final int stage;
    private final int frameElements;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ParamChunkEncoder encoder = new ParamChunkEncoder();
    private final Crc32cChecksum crc = new Crc32cChecksum();
    private final UnsafeBuffer buffer;
    private int cursor;
    private long pending;
    private int encodedLength;
    private long framesOffered;

    ChunkSender(final ChunkExchange exchange, final AllReduceConfig config)
    {
        final int fit = (exchange.maxFrameLength() - ChunkFraming.HEADER_LENGTH) >> 2;
        if (fit < 1)
        {
            throw new IllegalArgumentException("exchange frames too small: " + exchange.maxFrameLength());
        }
        this.exchange = exchange;
        this.self = exchange.peer();
        this.runId = config.runId();
        this.stage = config.stage();
        this.frameElements = Math.min(config.frameElements(), fit);
        this.buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(ChunkFraming.frameLength(this.frameElements)));
    }

    /** Largest payload of one frame, in elements. */
    int frameElements()
    {
        return frameElements;
    }

    /** Frames offered successfully since creation, one per destination; progress for an agent's duty cycle. */
    long framesOffered()
    {
        return framesOffered;
    }

    /** Forgets a half-sent chunk (its stage closed, or a new merge starts). */
    void reset()
    {
        cursor = 0;
        pending = 0;
    }

    /**
     * Sends {@code src[offset, offset + length)} as chunk {@code chunk} to every peer whose bit is set in
     * {@code targets}, frame by frame; each frame goes to the destinations in turn from this peer's
     * right, so that peers sending the same chunk do not all queue on the same link first.
     *
     * @return true once every frame is offered to every destination; false while back-pressured (call
     * again later with the same arguments).
     */
    boolean send(
        final int round,
        final short step,
        final ChunkKind kind,
        final int chunk,
        final int offset,
        final int length,
        final long targets,
        final float[] src,
        final long weight,
        final long contributors)
    {
        while (cursor < length)
        {
            if (pending == 0)
            {
                encode(round, step, kind, chunk, offset + cursor, Math.min(frameElements, length - cursor), src, weight, contributors);
                pending = targets;
            }
            while (pending != 0)
            {
                final int to = nextTarget(pending);
                if (!exchange.offer(to, buffer, 0, encodedLength))
                {
                    return false;
                }
                pending &= ~(1L << to);
                framesOffered++;
            }
            cursor += Math.min(frameElements, length - cursor);
        }
        cursor = 0;
        return true;
    }

    /** The first destination at or after this peer's right, cyclically. */
    private int nextTarget(final long targets)
    {
        final long above = self == 63 ? 0 : targets & (-1L << (self + 1));
        return Long.numberOfTrailingZeros(above != 0 ? above : targets);
    }

    private void encode(
        final int round,
        final short step,
        final ChunkKind kind,
        final int chunk,
        final int elementOffset,
        final int count,
        final float[] src,
        final long weight,
        final long contributors)
    {
        encoder.wrapAndApplyHeader(buffer, 0, header)
            .runId(runId)
            .stage(stage)
            .dtype(Dtype.F32)
            .mergeRound(round)
            .chunkIndex(chunk)
            .elementOffset(elementOffset)
            .elementCount(count)
            .sender(self)
            .step(step)
            .kind(kind)
            .weight(weight)
            .contributors(contributors);
        final int bytes = count << 2;
        buffer.putInt(PAYLOAD_LENGTH_OFFSET, bytes, ORDER);
        putPayload(buffer, ChunkFraming.HEADER_LENGTH, src, elementOffset, count);
        encoder.payloadCrc32c(crc.compute(buffer, ChunkFraming.HEADER_LENGTH, bytes));
        encodedLength = ChunkFraming.HEADER_LENGTH + bytes;
    }

    private static void putPayload(
        final MutableDirectBuffer b, final int index, final float[] src, final int srcIndex, final int count)
    {
        if (BULK_COPY)
        {
            Objects.checkFromIndexSize(srcIndex, count, src.length);
            b.boundsCheck(index, count << 2);
            UnsafeApi.copyMemory(
                src, FLOAT_ARRAY_BASE + ((long)srcIndex << 2), b.byteArray(), b.addressOffset() + index, (long)count << 2);
            return;
        }
        for (int i = 0; i < count; i++)
        {
            b.putFloat(index + (i << 2), src[srcIndex + i], ORDER);
        }
    }
}
