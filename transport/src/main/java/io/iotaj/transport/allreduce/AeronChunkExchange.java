package io.iotaj.transport.allreduce;

import io.aeron.Aeron;
import io.aeron.ControlledFragmentAssembler;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;

import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * A {@link ChunkExchange} over Aeron: one exclusive publication per destination and one
 * subscription per source, each link on its own stream so that a frame left for later holds up
 * only its own link. Frames larger than the MTU are fragmented by Aeron and reassembled here.
 * <p>
 * Frames are SBE {@code ParamChunk} messages ({@link ChunkFraming}); the agents validate them. A publication that is not connected (its peer is gone) drops the frame
 * and counts it, like a host that stopped answering; the stage deadlines do the rest.
 */
public final class AeronChunkExchange implements ChunkExchange
{
    private final int peer;
    private final ExclusivePublication[] publications;
    private final Subscription[] subscriptions;
    private final ControlledFragmentAssembler[] assemblers;
    private final int maxFrameLength;
    private FrameHandler handler;
    private int nextLink;
    private long bytesSent;
    private long bytesReceived;
    private long framesDropped;

    /**
     * @param channelOf  the channel peer p listens on ({@code aeron:ipc} for all, or a UDP endpoint each).
     * @param streamBase link from {@code a} to {@code b} uses stream {@code streamBase + a * peers + b}.
     */
    public AeronChunkExchange(
        final Aeron aeron, final IntFunction<String> channelOf, final int streamBase, final int peer, final int peers)
    {
        this.peer = peer;
        this.publications = new ExclusivePublication[peers];
        this.subscriptions = new Subscription[peers];
        this.assemblers = new ControlledFragmentAssembler[peers];
        int max = Integer.MAX_VALUE;
        try
        {
            for (int other = 0; other < peers; other++)
            {
                if (other != peer)
                {
                    publications[other] = aeron.addExclusivePublication(channelOf.apply(other), streamBase + peer * peers + other);
                    subscriptions[other] = aeron.addSubscription(channelOf.apply(peer), streamBase + other * peers + peer);
                    assemblers[other] = new ControlledFragmentAssembler(this::onFragment);
                    max = Math.min(max, publications[other].maxMessageLength());
                }
            }
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
        this.maxFrameLength = max;
    }

    /**
     * Waits until every link is connected both ways.
     *
     * @throws IllegalStateException when they are not after {@code timeoutNs}.
     */
    public void awaitConnected(final NanoClock clock, final long timeoutNs)
    {
        final long deadline = clock.nanoTime() + timeoutNs;
        for (int other = 0; other < publications.length; other++)
        {
            while (other != peer && !(publications[other].isConnected() && subscriptions[other].isConnected()))
            {
                if (clock.nanoTime() - deadline > 0)
                {
                    throw new IllegalStateException("peer " + peer + ": link with peer " + other + " did not connect");
                }
                LockSupport.parkNanos(1_000_000);
            }
        }
    }

    @Override
    public int peer()
    {
        return peer;
    }

    @Override
    public int peers()
    {
        return publications.length;
    }

    @Override
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    @Override
    public boolean offer(final int toPeer, final DirectBuffer buffer, final int offset, final int length)
    {
        final long result = publications[toPeer].offer(buffer, offset, length);
        if (result > 0)
        {
            bytesSent += length;
            return true;
        }
        if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
        {
            return false;
        }
        framesDropped++;
        return true;
    }

    @Override
    public int poll(final FrameHandler handler, final int frameLimit)
    {
        this.handler = handler;
        final int links = subscriptions.length;
        int fragments = 0;
        for (int i = 0; i < links && fragments < frameLimit; i++)
        {
            final Subscription subscription = subscriptions[nextLink];
            final ControlledFragmentAssembler assembler = assemblers[nextLink];
            nextLink = nextLink + 1 == links ? 0 : nextLink + 1;
            if (subscription != null)
            {
                fragments += subscription.controlledPoll(assembler, frameLimit - fragments);
            }
        }
        return fragments;
    }

    private ControlledFragmentHandler.Action onFragment(
        final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (!handler.onFrame(buffer, offset, length))
        {
            return ControlledFragmentHandler.Action.ABORT;
        }
        bytesReceived += length;
        return ControlledFragmentHandler.Action.CONTINUE;
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

    /** Frames offered to a peer that was no longer connected. */
    public long framesDropped()
    {
        return framesDropped;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(publications);
        CloseHelper.closeAll(subscriptions);
    }
}
