package io.iotaj.transport.allreduce;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * Cuts a chunk into frames and offers them in order, resuming where it stopped when the link is
 * back-pressured. A frame is encoded once, even if it has to be offered several times or to several
 * peers in a row: the header names no receiver, so the same bytes serve every destination.
 */
final class ChunkSender
{
    private final ChunkExchange exchange;
    private final int frameElements;
    private final ChunkFrame encoder = new ChunkFrame();
    private final UnsafeBuffer buffer;
    private int cursor;
    private long framesOffered;
    private int encodedLength;
    private int encodedRound;
    private short encodedStage;
    private int encodedChunk;
    private int encodedOffset;
    private float[] encodedSource;

    ChunkSender(final ChunkExchange exchange, final int frameElements)
    {
        final int fit = (exchange.maxFrameLength() - ChunkFrame.HEADER_LENGTH) >> 2;
        if (fit < 1)
        {
            throw new IllegalArgumentException("exchange frames too small: " + exchange.maxFrameLength());
        }
        this.exchange = exchange;
        this.frameElements = Math.min(frameElements, fit);
        this.buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(ChunkFrame.frameLength(this.frameElements)));
    }

    /** Largest payload of one frame, in elements. */
    int frameElements()
    {
        return frameElements;
    }

    /**
     * Whether the buffer already holds this frame. Within a round a sender's frame is fixed by its
     * stage, chunk, first element and source array (weight and contributors follow from those).
     */
    private boolean isEncoded(final int round, final short stage, final int chunk, final int elementOffset, final float[] src)
    {
        return encodedSource == src && encodedRound == round && encodedStage == stage &&
            encodedChunk == chunk && encodedOffset == elementOffset;
    }

    /** Frames offered successfully since creation; progress for an agent's duty cycle. */
    long framesOffered()
    {
        return framesOffered;
    }

    /** Forgets a half-sent chunk (a new merge starts). */
    void reset()
    {
        cursor = 0;
        encodedLength = 0;
        encodedSource = null;
    }

    /**
     * Sends {@code src[offset, offset + length)} to {@code to} as chunk {@code chunk}.
     *
     * @return true once every frame is offered; false while back-pressured (call again later).
     */
    boolean send(
        final int round,
        final short stage,
        final int chunk,
        final int offset,
        final int length,
        final int to,
        final float[] src,
        final long weight,
        final long contributors)
    {
        while (cursor < length)
        {
            final int count = Math.min(frameElements, length - cursor);
            if (!isEncoded(round, stage, chunk, offset + cursor, src))
            {
                encoder.wrap(buffer, 0)
                    .encodeHeader(round, stage, exchange.peer(), chunk, offset + cursor, count, weight, contributors)
                    .putPayload(src, offset + cursor, count);
                encodedLength = ChunkFrame.frameLength(count);
                encodedRound = round;
                encodedStage = stage;
                encodedChunk = chunk;
                encodedOffset = offset + cursor;
                encodedSource = src;
            }
            if (!exchange.offer(to, buffer, 0, encodedLength))
            {
                return false;
            }
            cursor += count;
            framesOffered++;
        }
        cursor = 0;
        return true;
    }
}
