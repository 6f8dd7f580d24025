package io.iotaj.he.flow;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A pair of queues between two threads of one process; each end counts what it sent. */
public final class InProcessChannel implements MessageChannel
{
    private static final byte[] CLOSED = new byte[0];

    private final BlockingQueue<byte[]> inbox;
    private final BlockingQueue<byte[]> outbox;
    private final long timeoutMillis;
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private volatile boolean closed;

    private InProcessChannel(final BlockingQueue<byte[]> inbox, final BlockingQueue<byte[]> outbox, final long timeoutMillis)
    {
        this.inbox = inbox;
        this.outbox = outbox;
        this.timeoutMillis = timeoutMillis;
    }

    /** Two connected ends; receive gives up after timeoutMillis. */
    public static InProcessChannel[] pair(final long timeoutMillis)
    {
        final BlockingQueue<byte[]> aToB = new LinkedBlockingQueue<>();
        final BlockingQueue<byte[]> bToA = new LinkedBlockingQueue<>();
        return new InProcessChannel[]{
            new InProcessChannel(bToA, aToB, timeoutMillis), new InProcessChannel(aToB, bToA, timeoutMillis)};
    }

    @Override
    public void send(final byte[] message)
    {
        if (closed)
        {
            throw new IllegalStateException("channel is closed");
        }
        messagesSent.incrementAndGet();
        bytesSent.addAndGet(message.length);
        outbox.add(message);
    }

    @Override
    public byte[] receive()
    {
        final byte[] message;
        try
        {
            message = inbox.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a message", ex);
        }
        if (message == null)
        {
            throw new IllegalStateException("no message from the peer within " + timeoutMillis + " ms");
        }
        if (message == CLOSED)
        {
            inbox.add(CLOSED);
            throw new IllegalStateException("the peer closed the channel");
        }
        return message;
    }

    public long messagesSent()
    {
        return messagesSent.get();
    }

    public long bytesSent()
    {
        return bytesSent.get();
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            outbox.add(CLOSED);
        }
    }
}
