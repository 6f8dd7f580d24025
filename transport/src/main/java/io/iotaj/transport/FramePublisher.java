package io.iotaj.transport;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.logbuffer.BufferClaim;
import io.iotaj.transport.journal.FrameJournal;
import io.iotaj.transport.journal.JournalDirection;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * Sends frames on one stream. Frames that fit one MTU are encoded in place with {@code tryClaim}; longer
 * ones go through {@code offer}, which fragments them. Back pressure and "not connected" are retried with the
 * idle strategy until the deadline, then returned as a {@link PublishResult}: never a silent drop.
 * Single-threaded, like the exclusive publication underneath.
 */
public final class FramePublisher implements AutoCloseable
{
    private final ExclusivePublication publication;
    private final EndpointCounters counters;
    private final FrameJournal journal;
    private final IdleStrategy idleStrategy;
    private final long deadlineNs;
    private final BufferClaim claim = new BufferClaim();
    private final ExpandableDirectByteBuffer scratch = new ExpandableDirectByteBuffer(64 * 1024);

    /**
     * @param journal where sent frames are appended, or null for none.
     */
    public FramePublisher(
        final Aeron aeron,
        final String channel,
        final int streamId,
        final FrameJournal journal,
        final IdleStrategy idleStrategy,
        final long deadline,
        final TimeUnit unit)
    {
        this.publication = aeron.addExclusivePublication(channel, streamId);
        this.counters = EndpointCounters.forPublisher(aeron, channel, streamId);
        this.journal = journal;
        this.idleStrategy = idleStrategy;
        this.deadlineNs = unit.toNanos(deadline);
    }

    /** Sends bytes that are already encoded. */
    public PublishResult send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > publication.maxMessageLength())
        {
            return PublishResult.TOO_LARGE;
        }
        final long startNs = System.nanoTime();
        idleStrategy.reset();
        boolean backPressured = false;
        while (true)
        {
            final long position = publication.offer(buffer, offset, length);
            if (position > 0)
            {
                onSent(startNs, buffer, offset, length);
                return PublishResult.OK;
            }
            final PublishResult failure = failure(position, startNs, backPressured);
            if (failure != null)
            {
                return failure;
            }
            backPressured |= position == Publication.BACK_PRESSURED;
            idleStrategy.idle();
        }
    }

    /**
     * One attempt, no waiting: for a caller with other work (an agent that must keep draining its own inbox
     * while it streams a large transfer) and that will try again. Returns OK, or why not, counted as usual.
     */
    public PublishResult offerOnce(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > publication.maxMessageLength())
        {
            return PublishResult.TOO_LARGE;
        }
        final long startNs = System.nanoTime();
        final long position = publication.offer(buffer, offset, length);
        if (position > 0)
        {
            onSent(startNs, buffer, offset, length);
            return PublishResult.OK;
        }
        if (position == Publication.CLOSED || position == Publication.MAX_POSITION_EXCEEDED)
        {
            return PublishResult.CLOSED;
        }
        if (position == Publication.NOT_CONNECTED)
        {
            counters.onNotConnected();
            return PublishResult.NOT_CONNECTED;
        }
        counters.onBackPressure();
        return PublishResult.BACK_PRESSURED;
    }

    /** Sends a frame of {@code length} bytes that {@code writer} encodes; in place when it fits one MTU. */
    public PublishResult send(final int length, final FrameWriter writer)
    {
        if (length > publication.maxMessageLength())
        {
            return PublishResult.TOO_LARGE;
        }
        if (length > publication.maxPayloadLength())
        {
            scratch.checkLimit(length);
            writer.write(scratch, 0);
            return send(scratch, 0, length);
        }
        final long startNs = System.nanoTime();
        idleStrategy.reset();
        boolean backPressured = false;
        while (true)
        {
            final long position = publication.tryClaim(length, claim);
            if (position > 0)
            {
                try
                {
                    writer.write(claim.buffer(), claim.offset());
                }
                catch (final RuntimeException ex)
                {
                    claim.abort();
                    throw ex;
                }
                onSent(startNs, claim.buffer(), claim.offset(), length);
                claim.commit();
                return PublishResult.OK;
            }
            final PublishResult failure = failure(position, startNs, backPressured);
            if (failure != null)
            {
                return failure;
            }
            backPressured |= position == Publication.BACK_PRESSURED;
            idleStrategy.idle();
        }
    }

    /** Null while a retry is still worth it, else the result to give up with. */
    private PublishResult failure(final long position, final long startNs, final boolean backPressuredBefore)
    {
        if (position == Publication.CLOSED || position == Publication.MAX_POSITION_EXCEEDED)
        {
            return PublishResult.CLOSED;
        }
        if (position == Publication.BACK_PRESSURED && !backPressuredBefore)
        {
            counters.onBackPressure();
        }
        if (System.nanoTime() - startNs < deadlineNs)
        {
            return null;
        }
        if (position == Publication.NOT_CONNECTED)
        {
            counters.onNotConnected();
            return PublishResult.NOT_CONNECTED;
        }
        return PublishResult.BACK_PRESSURED;
    }

    private void onSent(final long startNs, final DirectBuffer buffer, final int offset, final int length)
    {
        if (journal != null)
        {
            journal.append(JournalDirection.SENT, publication.streamId(), buffer, offset, length);
        }
        counters.onFrame(length);
        final long nowNs = System.nanoTime();
        counters.onLatency(nowNs, nowNs - startNs);
    }

    public boolean isConnected()
    {
        return publication.isConnected();
    }

    public int maxMessageLength()
    {
        return publication.maxMessageLength();
    }

    public EndpointCounters counters()
    {
        return counters;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(publication, counters);
    }
}
