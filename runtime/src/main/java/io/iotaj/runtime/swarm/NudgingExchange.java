package io.iotaj.runtime.swarm;

import io.iotaj.transport.allreduce.ChunkExchange;
import io.iotaj.transport.allreduce.FrameHandler;
import org.agrona.DirectBuffer;

import java.util.function.IntConsumer;

/** A merge's exchange that wakes the receiving replica's thread after each frame it sends (see {@link Directory#nudge}). */
final class NudgingExchange implements ChunkExchange
{
    private final ChunkExchange exchange;
    private final IntConsumer nudge;

    NudgingExchange(final ChunkExchange exchange, final IntConsumer nudgePeer)
    {
        this.exchange = exchange;
        this.nudge = nudgePeer;
    }

    @Override
    public int peer()
    {
        return exchange.peer();
    }

    @Override
    public int peers()
    {
        return exchange.peers();
    }

    @Override
    public int maxFrameLength()
    {
        return exchange.maxFrameLength();
    }

    @Override
    public boolean offer(final int toPeer, final DirectBuffer buffer, final int offset, final int length)
    {
        final boolean sent = exchange.offer(toPeer, buffer, offset, length);
        if (sent)
        {
            nudge.accept(toPeer);
        }
        return sent;
    }

    @Override
    public int poll(final FrameHandler handler, final int frameLimit)
    {
        return exchange.poll(handler, frameLimit);
    }

    @Override
    public long bytesSent()
    {
        return exchange.bytesSent();
    }

    @Override
    public long bytesReceived()
    {
        return exchange.bytesReceived();
    }

    @Override
    public void close()
    {
        exchange.close();
    }
}
