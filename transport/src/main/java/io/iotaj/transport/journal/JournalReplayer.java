package io.iotaj.transport.journal;

import io.aeron.Aeron;
import io.iotaj.transport.FramePublisher;
import io.iotaj.transport.PublishResult;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes journaled frames again on a channel, each on the stream it was recorded on, either at the
 * recorded pace or at a fixed rate. Refused frames are skipped: they were never delivered the first time.
 * Each stream's first frame waits for a subscriber up to the connect timeout, then gives up with an error.
 */
public final class JournalReplayer implements JournalEntryHandler, AutoCloseable
{
    private static final long SPIN_BELOW_NS = TimeUnit.MILLISECONDS.toNanos(2);

    private final Aeron aeron;
    private final String channel;
    private final double framesPerSecond;
    private final long connectTimeoutNs;
    private final Int2ObjectHashMap<FramePublisher> publishers = new Int2ObjectHashMap<>();
    private final long[] results = new long[PublishResult.values().length];
    private long skipped;
    private long replayed;
    private long firstRecordedNanos;
    private long startNs;

    /**
     * @param framesPerSecond fixed rate, or 0 to keep the recorded pace.
     */
    public JournalReplayer(
        final Aeron aeron,
        final String channel,
        final double framesPerSecond,
        final long connectTimeout,
        final TimeUnit unit)
    {
        if (framesPerSecond < 0 || Double.isNaN(framesPerSecond))
        {
            throw new IllegalArgumentException("rate must be positive, or 0 for the recorded pace");
        }
        this.aeron = aeron;
        this.channel = channel;
        this.framesPerSecond = framesPerSecond;
        this.connectTimeoutNs = unit.toNanos(connectTimeout);
    }

    @Override
    public void onEntry(
        final JournalDirection direction,
        final int streamId,
        final long epochNanos,
        final DirectBuffer frame,
        final int offset,
        final int length)
    {
        if (direction == JournalDirection.REFUSED)
        {
            skipped++;
            return;
        }
        final FramePublisher publisher = publisherFor(streamId);
        if (replayed == 0)
        {
            firstRecordedNanos = epochNanos;
            startNs = System.nanoTime();
        }
        final long dueNs = startNs + (framesPerSecond > 0 ?
            (long)(replayed * 1e9 / framesPerSecond) : Math.max(0, epochNanos - firstRecordedNanos));
        waitUntil(dueNs);
        results[publisher.send(frame, offset, length).ordinal()]++;
        replayed++;
    }

    private FramePublisher publisherFor(final int streamId)
    {
        FramePublisher publisher = publishers.get(streamId);
        if (publisher == null)
        {
            publisher = new FramePublisher(aeron, channel, streamId, null, new YieldingIdleStrategy(),
                connectTimeoutNs, TimeUnit.NANOSECONDS);
            publishers.put(streamId, publisher);
            final long deadline = System.nanoTime() + connectTimeoutNs;
            while (!publisher.isConnected())
            {
                if (System.nanoTime() > deadline)
                {
                    final String message = "no subscriber on " + channel + " stream " + streamId + " within " +
                        TimeUnit.NANOSECONDS.toMillis(connectTimeoutNs) + " ms";
                    throw new UncheckedIOException(message, new IOException(message));
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
        return publisher;
    }

    private static void waitUntil(final long dueNs)
    {
        long remaining;
        while ((remaining = dueNs - System.nanoTime()) > 0)
        {
            if (remaining > SPIN_BELOW_NS)
            {
                LockSupport.parkNanos(remaining - SPIN_BELOW_NS);
            }
            else
            {
                Thread.onSpinWait();
            }
        }
    }

    /** Frames the publisher handed on. */
    public long sent()
    {
        return results[PublishResult.OK.ordinal()];
    }

    public long failed(final PublishResult result)
    {
        return results[result.ordinal()];
    }

    /** Frames not resent because they were refused when recorded. */
    public long skipped()
    {
        return skipped;
    }

    public long elapsedNs()
    {
        return replayed == 0 ? 0 : System.nanoTime() - startNs;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(publishers.values());
    }
}
