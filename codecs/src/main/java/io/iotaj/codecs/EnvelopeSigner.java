package io.iotaj.codecs;

import io.iotaj.codecs.sbe.MessageHeaderEncoder;
import io.iotaj.codecs.sbe.SignedEnvelopeEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

/**
 * Wraps an encoded control frame in a {@code SignedEnvelope}: the sender's id, the next sequence number, the
 * body, and an Ed25519 signature over every envelope byte in front of the signature. Control traffic is rare
 * and small, so a scratch copy for the JDK signature API is fine here. Not thread-safe.
 */
public final class EnvelopeSigner
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final SignedEnvelopeEncoder envelope = new SignedEnvelopeEncoder();
    private final long senderId;
    private final Signature signature;
    private byte[] scratch = new byte[256];
    private long sequence;

    /**
     * @param firstSequence sequence of the first envelope; a restarted sender must start above what it sent
     *                      before (a wall-clock based start such as micros since the epoch does that).
     */
    public EnvelopeSigner(final long senderId, final PrivateKey privateKey, final long firstSequence)
    {
        this.senderId = senderId;
        this.sequence = firstSequence;
        try
        {
            signature = Signature.getInstance(Ed25519Keys.ALGORITHM);
            signature.initSign(privateKey);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalArgumentException("cannot sign with this key: " + ex.getMessage(), ex);
        }
    }

    public long senderId()
    {
        return senderId;
    }

    /** Sequence the next envelope will carry. */
    public long nextSequence()
    {
        return sequence;
    }

    /** Bytes an envelope around a body of this length takes. */
    public static int envelopeLength(final int bodyLength)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + SignedEnvelopeEncoder.BLOCK_LENGTH +
            SignedEnvelopeEncoder.bodyHeaderLength() + bodyLength +
            SignedEnvelopeEncoder.signatureHeaderLength() + FrameValidator.ED25519_SIGNATURE_LENGTH;
    }

    /** Writes the envelope at {@code offset} and returns its length. */
    public int sign(
        final MutableDirectBuffer buffer,
        final int offset,
        final DirectBuffer body,
        final int bodyOffset,
        final int bodyLength)
    {
        envelope.wrapAndApplyHeader(buffer, offset, header)
            .senderId(senderId)
            .sequence(sequence++)
            .putBody(body, bodyOffset, bodyLength);
        final int signedLength = MessageHeaderEncoder.ENCODED_LENGTH + envelope.encodedLength();
        if (scratch.length < signedLength)
        {
            scratch = new byte[signedLength];
        }
        buffer.getBytes(offset, scratch, 0, signedLength);
        final byte[] signed;
        try
        {
            signature.update(scratch, 0, signedLength);
            signed = signature.sign();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("Ed25519 signing failed", ex);
        }
        envelope.putSignature(signed, 0, signed.length);
        return MessageHeaderEncoder.ENCODED_LENGTH + envelope.encodedLength();
    }
}
