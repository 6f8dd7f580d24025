package io.iotaj.codecs;

import io.iotaj.codecs.sbe.JoinDecoder;
import io.iotaj.codecs.sbe.RunConfigDecoder;
import io.iotaj.codecs.sbe.SignedEnvelopeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Checks {@code SignedEnvelope} frames a {@link FrameValidator} has already accepted: the sender must have a
 * registered key, the Ed25519 signature must verify, and the sequence must be above that sender's last
 * accepted one. Rejections are counted by reason. Not thread-safe.
 */
public final class EnvelopeVerifier
{
    private static final int SIGNATURE_FIELD_INDEX = 1;

    /**
     * Whether an unknown sender may introduce itself: its key travels in the signed body (a {@code Join} to
     * the orchestrator, a {@code RunConfig} to a joining miner), and the envelope must verify under that key.
     */
    @FunctionalInterface
    public interface Enrolment
    {
        boolean mayEnrol(long senderId, int bodyTemplateId);
    }

    private final Long2ObjectHashMap<PublicKey> keys = new Long2ObjectHashMap<>();
    private final Long2LongHashMap lastSequence = new Long2LongHashMap(Long.MIN_VALUE);
    private final RejectCounts rejects = new RejectCounts();
    private final Signature signature;
    private byte[] signed = new byte[256];
    private final byte[] signatureBytes = new byte[FrameValidator.ED25519_SIGNATURE_LENGTH];
    private Enrolment enrolment;

    public EnvelopeVerifier()
    {
        try
        {
            signature = Signature.getInstance(Ed25519Keys.ALGORITHM);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("JDK lacks Ed25519", ex);
        }
    }

    /** Trusts a sender's key from now on; replacing a key keeps the sender's sequence floor. */
    public void register(final long senderId, final PublicKey key)
    {
        keys.put(senderId, key);
    }

    /** Lets unknown senders enrol their own key when {@code policy} allows; null (the default) allows none. */
    public void enrolment(final Enrolment policy)
    {
        enrolment = policy;
    }

    /** The key registered for a sender, or null. */
    public PublicKey keyOf(final long senderId)
    {
        return keys.get(senderId);
    }

    public RejectCounts rejects()
    {
        return rejects;
    }

    /**
     * @param validated the validator that accepted this frame as a {@code SignedEnvelope}, holding its
     *                  field positions.
     */
    public RejectReason verify(final DirectBuffer buffer, final int offset, final FrameValidator validated)
    {
        final RejectReason reason = check(buffer, offset, validated);
        rejects.record(reason);
        return reason;
    }

    private RejectReason check(final DirectBuffer buffer, final int offset, final FrameValidator validated)
    {
        if (validated.templateId() != SignedEnvelopeDecoder.TEMPLATE_ID)
        {
            return RejectReason.UNSIGNED_CONTROL;
        }
        final int block = offset + FrameValidator.HEADER_LENGTH;
        final long senderId = buffer.getLong(block + SignedEnvelopeDecoder.senderIdEncodingOffset(),
            java.nio.ByteOrder.LITTLE_ENDIAN);
        final long sequence = buffer.getLong(block + SignedEnvelopeDecoder.sequenceEncodingOffset(),
            java.nio.ByteOrder.LITTLE_ENDIAN);
        PublicKey key = keys.get(senderId);
        final boolean enrolling = key == null && enrolment != null &&
            enrolment.mayEnrol(senderId, validated.envelopeBody().templateId());
        if (enrolling)
        {
            key = enclosedKey(buffer, validated.envelopeBody());
        }
        if (key == null)
        {
            return RejectReason.UNKNOWN_SENDER;
        }

        final int signatureOffset = validated.varOffset(SIGNATURE_FIELD_INDEX);
        final int signedLength = signatureOffset - SignedEnvelopeDecoder.signatureHeaderLength() - offset;
        if (signed.length < signedLength)
        {
            signed = new byte[signedLength];
        }
        buffer.getBytes(offset, signed, 0, signedLength);
        buffer.getBytes(signatureOffset, signatureBytes, 0, signatureBytes.length);
        try
        {
            signature.initVerify(key);
            signature.update(signed, 0, signedLength);
            if (!signature.verify(signatureBytes))
            {
                return RejectReason.BAD_SIGNATURE;
            }
        }
        catch (final GeneralSecurityException ex)
        {
            return RejectReason.BAD_SIGNATURE;
        }

        // Only a verified envelope may move the floor, or a forger could block the real sender.
        if (sequence <= lastSequence.get(senderId))
        {
            return RejectReason.REPLAYED_SEQUENCE;
        }
        lastSequence.put(senderId, sequence);
        if (enrolling)
        {
            keys.put(senderId, key);
        }
        return RejectReason.NONE;
    }

    /** The public key a Join or RunConfig body carries, or null when it has none or it does not parse. */
    private static PublicKey enclosedKey(final DirectBuffer buffer, final FrameValidator body)
    {
        final int field;
        switch (body.templateId())
        {
            case JoinDecoder.TEMPLATE_ID: field = 1; break;
            case RunConfigDecoder.TEMPLATE_ID: field = 0; break;
            default: return null;
        }
        final byte[] encoded = new byte[body.varLength(field)];
        buffer.getBytes(body.varOffset(field), encoded);
        try
        {
            return Ed25519Keys.publicKey(encoded);
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
    }
}
