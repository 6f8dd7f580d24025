package io.iotaj.transport.allreduce;

import org.agrona.DirectBuffer;

/**
 * The transport an all-reduce peer needs: point-to-point links to every other peer, carrying
 * {@code ParamChunk} frames ({@link ChunkFraming}). Implementations must not allocate per frame. One thread drives an exchange.
 */
public interface ChunkExchange extends AutoCloseable
{
    /** This peer's index. */
    int peer();

    /** Number of peers, this one included. */
    int peers();

    /** Largest frame {@link #offer} accepts, header included. */
    int maxFrameLength();

    /**
     * Sends one frame to {@code toPeer}.
     *
     * @return false when the link is back-pressured; try again later.
     */
    boolean offer(int toPeer, DirectBuffer buffer, int offset, int length);

    /**
     * Hands up to {@code frameLimit} waiting frames to {@code handler}, visiting the links in turn.
     *
     * @return the number of frames consumed.
     */
    int poll(FrameHandler handler, int frameLimit);

    /** Frame bytes (headers included) successfully offered since creation. */
    long bytesSent();

    /** Frame bytes (headers included) consumed since creation. */
    long bytesReceived();

    @Override
    void close();
}
