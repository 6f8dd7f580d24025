package io.iotaj.transport;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.iotaj.codecs.EnvelopeVerifier;
import io.iotaj.codecs.FrameValidator;
import io.iotaj.codecs.RejectReason;
import io.iotaj.codecs.sbe.SignedEnvelopeDecoder;
import io.iotaj.transport.journal.FrameJournal;
import io.iotaj.transport.journal.JournalDirection;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

/**
 * Receives frames on one stream: reassembles fragments, validates every frame in place (and the signature of
 * signed control frames), counts and drops what fails, and hands the rest to a {@link FrameHandler}. Nothing
 * a peer sends can throw out of {@link #poll}; a handler that throws is counted too. Single-threaded.
 */
public final class FrameSubscriber implements AutoCloseable
{
    private final Subscription subscription;
    private final EndpointCounters counters;
    private final FrameValidator validator;
    private final EnvelopeVerifier verifier;
    private final FrameJournal journal;
    private final FrameHandler handler;
    private final FragmentAssembler assembler;

    /**
     * @param verifier checks signed control frames; null accepts control frames unsigned (trusted, local use).
     * @param journal  where received frames are appended (refused ones marked so), or null for none.
     */
    public FrameSubscriber(
        final Aeron aeron,
        final String channel,
        final int streamId,
        final FrameHandler handler,
        final EnvelopeVerifier verifier,
        final FrameJournal journal)
    {
        this.subscription = aeron.addSubscription(channel, streamId);
        this.counters = EndpointCounters.forSubscriber(aeron, channel, streamId);
        this.validator = new FrameValidator(verifier == null);
        this.verifier = verifier;
        this.journal = journal;
        this.handler = handler;
        this.assembler = new FragmentAssembler(this::onFragment);
    }

    /** Polls up to {@code fragmentLimit} fragments; returns how many were read. */
    public int poll(final int fragmentLimit)
    {
        return subscription.poll(assembler, fragmentLimit);
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long startNs = System.nanoTime();
        RejectReason reason = validator.validate(buffer, offset, length);
        if (reason == RejectReason.NONE && verifier != null &&
            validator.templateId() == SignedEnvelopeDecoder.TEMPLATE_ID)
        {
            reason = verifier.verify(buffer, offset, validator);
        }
        if (journal != null)
        {
            journal.append(reason == RejectReason.NONE ? JournalDirection.RECEIVED : JournalDirection.REFUSED,
                subscription.streamId(), buffer, offset, length);
        }
        if (reason != RejectReason.NONE)
        {
            counters.onReject(reason);
            return;
        }
        counters.onFrame(length);
        try
        {
            handler.onFrame(buffer, offset, length, validator);
        }
        catch (final RuntimeException ex)
        {
            counters.onHandlerError();
        }
        final long nowNs = System.nanoTime();
        counters.onLatency(nowNs, nowNs - startNs);
    }

    public boolean isConnected()
    {
        return subscription.isConnected();
    }

    public EndpointCounters counters()
    {
        return counters;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(subscription, counters);
    }
}
