package io.iotaj.runtime.swarm;

import io.iotaj.codecs.EnvelopeSigner;
import io.iotaj.codecs.EnvelopeVerifier;
import io.iotaj.transport.FrameHandler;
import io.iotaj.transport.FramePublisher;
import io.iotaj.transport.FrameSubscriber;
import io.iotaj.transport.PublishResult;
import io.iotaj.transport.TransportConfiguration;
import io.aeron.Aeron;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.security.PrivateKey;
import java.util.concurrent.TimeUnit;

/**
 * One participant's connection to the swarm: its inbox (a validating, signature-checking subscriber) and
 * a publisher per peer, created on first use. Control frames are signed on the way out. Counts what it
 * sent. Single-threaded: owned by the participant's agent.
 */
final class SwarmLink implements AutoCloseable
{
    private final Aeron aeron;
    private final Directory directory;
    private final FrameSubscriber inbox;
    private final EnvelopeSigner signer;
    private final Int2ObjectHashMap<FramePublisher> publishers = new Int2ObjectHashMap<>();
    private final IntHashSet everConnected = new IntHashSet();
    private final ExpandableDirectByteBuffer signed = new ExpandableDirectByteBuffer(1024);
    private final int self;
    private boolean listening;
    private long bytesSent;
    private long framesFailed;

    SwarmLink(final Aeron aeron, final Directory directory, final int self, final PrivateKey key,
        final EnvelopeVerifier verifier, final FrameHandler handler)
    {
        this.aeron = aeron;
        this.directory = directory;
        this.self = self;
        this.inbox = new FrameSubscriber(aeron, directory.channel(self), directory.stream(self), handler, verifier,
            null);
        this.signer = new EnvelopeSigner(self, key, System.currentTimeMillis() * 1000);
    }

    int poll()
    {
        if (!listening)
        {
            directory.listening(self, Thread.currentThread());
            listening = true;
        }
        return inbox.poll(64);
    }

    boolean isConnectedTo(final int peer)
    {
        return publisher(peer).isConnected();
    }

    /** Signs an encoded control frame and sends it to {@code peer}. */
    PublishResult sendControl(final int peer, final DirectBuffer body, final int offset, final int length)
    {
        return sendSigned(peer, sign(body, offset, length));
    }

    /**
     * Signs an encoded control frame once, for {@link #sendSigned} to any number of peers (each receiver
     * sees the sequence number once, so one envelope serves a broadcast). Returns the envelope's length.
     */
    int sign(final DirectBuffer body, final int offset, final int length)
    {
        signed.checkLimit(EnvelopeSigner.envelopeLength(length));
        return signer.sign(signed, 0, body, offset, length);
    }

    /** Sends the envelope last made by {@link #sign}. */
    PublishResult sendSigned(final int peer, final int envelopeLength)
    {
        return send(peer, signed, 0, envelopeLength);
    }

    /** Sends an encoded data frame (activation, gradient, parameter chunk) to {@code peer}. */
    PublishResult send(final int peer, final DirectBuffer frame, final int offset, final int length)
    {
        final FramePublisher publisher = publisher(peer);
        final boolean connected = publisher.isConnected();
        if (!connected && everConnected.contains(peer))
        {
            // a peer that was there and went away: fail now rather than stall this agent for the whole
            // publish deadline on every frame (its heartbeats would stop and it would be evicted too)
            framesFailed++;
            return PublishResult.NOT_CONNECTED;
        }
        if (connected)
        {
            everConnected.add(peer);
        }
        final PublishResult result = publisher.send(frame, offset, length);
        if (result == PublishResult.OK)
        {
            bytesSent += length;
            directory.nudge(peer);
        }
        else
        {
            framesFailed++;
        }
        return result;
    }

    /**
     * One attempt to send a data frame, no waiting (see {@link FramePublisher#offerOnce}); the caller retries
     * on BACK_PRESSURED after polling its inbox, so two peers streaming to each other never wait on each other.
     */
    PublishResult offer(final int peer, final DirectBuffer frame, final int offset, final int length)
    {
        final PublishResult result = publisher(peer).offerOnce(frame, offset, length);
        if (result == PublishResult.OK)
        {
            bytesSent += length;
            directory.nudge(peer);
        }
        else if (result != PublishResult.BACK_PRESSURED)
        {
            framesFailed++;
        }
        return result;
    }

    /** Frames the inbox refused (malformed, forged, replayed...), all reasons together. */
    long inboxRejects()
    {
        return inbox.counters().totalRejects();
    }

    long bytesSent()
    {
        return bytesSent;
    }

    long framesFailed()
    {
        return framesFailed;
    }

    FrameSubscriber inbox()
    {
        return inbox;
    }

    /** One line: frames received, refused by reason, handler errors, failed sends. */
    String describe()
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("frames=").append(inbox.counters().frames());
        for (final io.iotaj.codecs.RejectReason r : io.iotaj.codecs.RejectReason.values())
        {
            final long n = inbox.counters().rejects(r);
            if (n > 0)
            {
                sb.append(' ').append(r.name().toLowerCase()).append('=').append(n);
            }
        }
        return sb.append(" handler_errors=").append(inbox.counters().handlerErrors())
            .append(" failed_sends=").append(framesFailed).toString();
    }

    private FramePublisher publisher(final int peer)
    {
        FramePublisher p = publishers.get(peer);
        if (p == null)
        {
            p = new FramePublisher(aeron, directory.channel(peer), directory.stream(peer), null,
                new BackoffIdleStrategy(1, 10, 1_000, 100_000), TransportConfiguration.publishDeadlineMs(),
                TimeUnit.MILLISECONDS);
            publishers.put(peer, p);
        }
        return p;
    }

    @Override
    public void close()
    {
        publishers.values().forEach(CloseHelper::quietClose);
        CloseHelper.quietClose(inbox);
    }
}
