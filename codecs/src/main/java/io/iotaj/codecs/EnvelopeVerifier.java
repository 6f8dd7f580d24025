package io.iotaj.codecs;

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

    private final Long2ObjectHashMap<PublicKey> keys = new Long2ObjectHashMap<>();
    private final Long2LongHashMap lastSequence = new Long2LongHashMap(Long.MIN_VALUE);
    private final RejectCounts rejects = new RejectCounts();
    private final Signature signature;
    private byte[] signed = new byte[256];
    private final byte[] signatureBytes = new byte[FrameValidator.ED25519_SIGNATURE_LENGTH];

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
        final PublicKey key = keys.get(senderId);
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
        return RejectReason.NONE;
    }
}
