package io.iotaj.transport.allreduce;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * A {@link ChunkExchange} over Agrona ring buffers, one per directed link. Each record is an 8-byte
 * delivery time followed by the frame; a frame becomes visible once its delivery time has passed.
 * No allocation per frame: the read adapter is created once.
 */
final class RingChunkExchange implements ChunkExchange, ControlledMessageHandler
{
    private static final int MSG_TYPE_CHUNK = 1;
    private static final int DELIVERY_TIME_LENGTH = 8;

    private final int peer;
    private final RingBuffer[] outbound;
    private final RingBuffer[] inbound;
    private final NanoClock clock;
    private final long latencyNs;
    private final int maxFrameLength;

    private FrameHandler handler;
    private long nowNs;
    private int nextLink;
    private long bytesSent;
    private long bytesReceived;

    RingChunkExchange(
        final int peer,
        final RingBuffer[] outbound,
        final RingBuffer[] inbound,
        final NanoClock clock,
        final long latencyNs)
    {
        this.peer = peer;
        this.outbound = outbound;
        this.inbound = inbound;
        this.clock = clock;
        this.latencyNs = latencyNs;
        int max = Integer.MAX_VALUE;
        for (final RingBuffer link : outbound)
        {
            if (link != null)
            {
                max = Math.min(max, link.maxMsgLength() - DELIVERY_TIME_LENGTH);
            }
        }
        this.maxFrameLength = max;
    }

    @Override
    public int peer()
    {
        return peer;
    }

    @Override
    public int peers()
    {
        return outbound.length;
    }

    @Override
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    @Override
    public boolean offer(final int toPeer, final DirectBuffer buffer, final int offset, final int length)
    {
        final RingBuffer link = outbound[toPeer];
        final int index = link.tryClaim(MSG_TYPE_CHUNK, DELIVERY_TIME_LENGTH + length);
        if (index <= 0)
        {
            return false;
        }
        final MutableDirectBuffer ring = link.buffer();
        ring.putLong(index, latencyNs > 0 ? clock.nanoTime() + latencyNs : 0); // no latency: deliverable at once
        ring.putBytes(index + DELIVERY_TIME_LENGTH, buffer, offset, length);
        link.commit(index);
        bytesSent += length;
        return true;
    }

    @Override
    public int poll(final FrameHandler handler, final int frameLimit)
    {
        this.handler = handler;
        this.nowNs = latencyNs > 0 ? clock.nanoTime() : Long.MAX_VALUE;
        final int links = inbound.length;
        int frames = 0;
        for (int i = 0; i < links && frames < frameLimit; i++)
        {
            final RingBuffer link = inbound[nextLink];
            nextLink = nextLink + 1 == links ? 0 : nextLink + 1;
            if (link != null)
            {
                frames += link.controlledRead(this, frameLimit - frames);
            }
        }
        return frames;
    }

    @Override
    public Action onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (buffer.getLong(index) > nowNs)
        {
            return Action.ABORT;
        }
        final int frameLength = length - DELIVERY_TIME_LENGTH;
        if (!handler.onFrame(buffer, index + DELIVERY_TIME_LENGTH, frameLength))
        {
            return Action.ABORT;
        }
        bytesReceived += frameLength;
        return Action.CONTINUE;
    }

    @Override
    public long bytesSent()
    {
        return bytesSent;
    }

    @Override
    public long bytesReceived()
    {
        return bytesReceived;
    }

    @Override
    public void close()
    {
        // The rings belong to the network; nothing to release per peer.
    }
}
