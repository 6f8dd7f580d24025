package io.iotaj.codecs;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EnvelopeTest
{
    private static final long SENDER = 22;
    private final KeyPair keys = Ed25519Keys.generate();
    private final UnsafeBuffer body = new UnsafeBuffer(new byte[256]);
    private final UnsafeBuffer wire = new UnsafeBuffer(new byte[1024]);
    private final SampleFrames frames = new SampleFrames();
    private final FrameValidator validator = new FrameValidator(false);
    private final EnvelopeVerifier verifier = new EnvelopeVerifier();
    private EnvelopeSigner signer;
    private int bodyLength;

    @BeforeEach
    void setUp()
    {
        signer = new EnvelopeSigner(SENDER, keys.getPrivate(), 100);
        verifier.register(SENDER, Ed25519Keys.publicKey(keys.getPublic().getEncoded()));
        bodyLength = frames.phase(body, 0);
    }

    @Test
    void acceptsSignedControlOnceAndRejectsItsReplay()
    {
        final int length = signer.sign(wire, 8, body, 0, bodyLength);
        assertEquals(EnvelopeSigner.envelopeLength(bodyLength), length);
        assertEquals(RejectReason.NONE, check(8, length));
        assertEquals(io.iotaj.codecs.sbe.PhaseDecoder.TEMPLATE_ID, validator.envelopeBody().templateId());
        assertEquals(RejectReason.REPLAYED_SEQUENCE, check(8, length));

        final int next = signer.sign(wire, 8, body, 0, bodyLength);
        assertEquals(RejectReason.NONE, check(8, next));
        assertEquals(1, verifier.rejects().get(RejectReason.REPLAYED_SEQUENCE));
    }

    @Test
    void rejectsTamperedBodyWrongKeyAndUnknownSender()
    {
        final int length = signer.sign(wire, 0, body, 0, bodyLength);
        // Flip the phase's epoch: still a valid Phase, but not what was signed.
        final int epochByte = FrameValidator.HEADER_LENGTH + 16 + 4 + FrameValidator.HEADER_LENGTH + 9;
        wire.putByte(epochByte, (byte)(wire.getByte(epochByte) ^ 1));
        assertEquals(RejectReason.BAD_SIGNATURE, check(0, length));
        wire.putByte(epochByte, (byte)(wire.getByte(epochByte) ^ 1));

        final EnvelopeSigner impostor = new EnvelopeSigner(SENDER, Ed25519Keys.generate().getPrivate(), 500);
        assertEquals(RejectReason.BAD_SIGNATURE, check(0, impostor.sign(wire, 0, body, 0, bodyLength)));

        final EnvelopeSigner stranger = new EnvelopeSigner(77, keys.getPrivate(), 1);
        assertEquals(RejectReason.UNKNOWN_SENDER, check(0, stranger.sign(wire, 0, body, 0, bodyLength)));

        // A forged envelope must not have moved the real sender's sequence floor.
        assertEquals(RejectReason.NONE, check(0, signer.sign(wire, 0, body, 0, bodyLength)));
        assertEquals(2, verifier.rejects().get(RejectReason.BAD_SIGNATURE));
        assertEquals(1, verifier.rejects().get(RejectReason.UNKNOWN_SENDER));
    }

    @Test
    void aJoinEnrolsItsOwnKeyOnlyWhereThePolicyAllowsAndOnlyOnce()
    {
        final long newcomer = 5;
        final UnsafeBuffer joinBody = new UnsafeBuffer(new byte[256]);
        final KeyPair newKeys = Ed25519Keys.generate();
        final EnvelopeSigner signerOfNewcomer = new EnvelopeSigner(newcomer, newKeys.getPrivate(), 1);
        final int join = frames.join(joinBody, 0, newKeys.getPublic().getEncoded());

        // no policy: a stranger stays a stranger
        assertEquals(RejectReason.UNKNOWN_SENDER, check(0, signerOfNewcomer.sign(wire, 0, joinBody, 0, join)));
        // a policy that admits only Joins: a Phase from the stranger is still refused
        verifier.enrolment((sender, template) -> template == io.iotaj.codecs.sbe.JoinDecoder.TEMPLATE_ID);
        assertEquals(RejectReason.UNKNOWN_SENDER, check(0, signerOfNewcomer.sign(wire, 0, body, 0, bodyLength)));
        // a Join carrying one key but signed with another proves nothing and enrols nobody
        final EnvelopeSigner liar = new EnvelopeSigner(newcomer, Ed25519Keys.generate().getPrivate(), 50);
        assertEquals(RejectReason.BAD_SIGNATURE, check(0, liar.sign(wire, 0, joinBody, 0, join)));
        assertNull(verifier.keyOf(newcomer));

        assertEquals(RejectReason.NONE, check(0, signerOfNewcomer.sign(wire, 0, joinBody, 0, join)));
        assertEquals(newKeys.getPublic(), verifier.keyOf(newcomer));
        // enrolled: its other control frames verify, and nobody can take its id with a key of their own
        assertEquals(RejectReason.NONE, check(0, signerOfNewcomer.sign(wire, 0, body, 0, bodyLength)));
        final KeyPair thief = Ed25519Keys.generate();
        final int stolen = frames.join(joinBody, 0, thief.getPublic().getEncoded());
        assertEquals(RejectReason.BAD_SIGNATURE,
            check(0, new EnvelopeSigner(newcomer, thief.getPrivate(), 10_000).sign(wire, 0, joinBody, 0, stolen)));
        assertEquals(newKeys.getPublic(), verifier.keyOf(newcomer));
    }

    @Test
    void envelopeBodyMustBeValidControl()
    {
        final int tensorLength = frames.tensor(body, 0, TensorKind.ACTIVATION, io.iotaj.codecs.sbe.Dtype.F32, 2, 2,
            new java.util.Random(1));
        final int length = signer.sign(wire, 0, body, 0, tensorLength);
        assertEquals(RejectReason.NOT_CONTROL, validator.validate(wire, 0, length));

        final int shortSignature = signer.sign(wire, 0, body, 0, bodyLength) - 1;
        wire.putInt(shortSignature - 64 - 3, 63, java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(RejectReason.BAD_SIGNATURE, validator.validate(wire, 0, shortSignature));
    }

    private RejectReason check(final int offset, final int length)
    {
        final RejectReason structural = validator.validate(wire, offset, length);
        return structural != RejectReason.NONE ? structural : verifier.verify(wire, offset, validator);
    }
}
