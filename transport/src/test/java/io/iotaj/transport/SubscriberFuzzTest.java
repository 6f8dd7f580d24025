package io.iotaj.transport;

import io.iotaj.codecs.EnvelopeSigner;
import io.iotaj.codecs.EnvelopeVerifier;
import io.iotaj.codecs.Ed25519Keys;
import io.iotaj.codecs.FrameValidator;
import io.iotaj.codecs.RejectCounts;
import io.iotaj.codecs.RejectReason;
import io.iotaj.codecs.sbe.MessageHeaderEncoder;
import io.iotaj.codecs.sbe.PhaseEncoder;
import io.iotaj.codecs.sbe.PhaseKind;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.security.KeyPair;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million damaged frames through a real subscriber over IPC: each is predicted by a local validator, and the subscriber's
 * counters must match that prediction reason by reason, with every valid frame in between delivered.
 */
class SubscriberFuzzTest
{
    private static final int MUTANTS = 1_000_000;
    private static MediaDriverHost host;
    private final Random random = new Random(4207);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 * 1024]);
    private final FrameValidator predictor = new FrameValidator(true);
    private final RejectCounts predicted = new RejectCounts();
    private final TestFrames frames = new TestFrames();
    private long delivered;
    private int handlerCalls;

    @BeforeAll
    static void launch()
    {
        host = TestDrivers.embedded();
    }

    @AfterAll
    static void close()
    {
        host.close();
    }

    @Test
    void countsEveryRejectAndDeliversEveryValidFrame()
    {
        final String channel = Channels.ipc();
        try (FrameSubscriber subscriber = new FrameSubscriber(host.aeron(), channel, 20,
            (b, o, l, v) -> delivered++, null, null);
            FramePublisher publisher = new FramePublisher(host.aeron(), channel, 20, null,
                new YieldingIdleStrategy(), 5, TimeUnit.SECONDS))
        {
            long expectedDelivered = 0;
            for (int i = 0; i < MUTANTS; i++)
            {
                final int valid = frames.activation(buffer, 0, i, 1 + random.nextInt(4), 4);
                send(publisher, subscriber, valid);
                expectedDelivered++;

                final int damaged = damage(valid);
                final RejectReason reason = predictor.validate(buffer, 0, damaged);
                if (!predicted.record(reason))
                {
                    expectedDelivered++;
                }
                send(publisher, subscriber, damaged);
            }
            drain(subscriber, expectedDelivered, predicted.total());
            assertEquals(expectedDelivered, delivered);
            for (final RejectReason reason : RejectReason.values())
            {
                assertEquals(predicted.get(reason), subscriber.counters().rejects(reason), reason.name());
            }
            assertTrue(predicted.total() > MUTANTS / 2, predicted.toString());
        }
    }

    private void send(final FramePublisher publisher, final FrameSubscriber subscriber, final int length)
    {
        while (publisher.send(buffer, 0, length) != PublishResult.OK)
        {
            subscriber.poll(100);
        }
        subscriber.poll(10);
    }

    private static void drain(final FrameSubscriber subscriber, final long frames, final long rejects)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (subscriber.counters().frames() < frames || subscriber.counters().totalRejects() < rejects)
        {
            subscriber.poll(100);
            assertTrue(System.nanoTime() < deadline, "not all frames arrived");
        }
    }

    private int damage(final int length)
    {
        switch (random.nextInt(5))
        {
            case 0:
                return random.nextInt(length);
            case 1:
                buffer.putShort(2 * random.nextInt(4), (short)random.nextInt(), ByteOrder.LITTLE_ENDIAN);
                return length;
            case 2:
                buffer.putInt(Math.min(random.nextInt(length), length - 4), -1, ByteOrder.LITTLE_ENDIAN);
                return length;
            case 3:
                buffer.putFloat(length - 4, Float.NaN, ByteOrder.LITTLE_ENDIAN);
                return length;
            default:
                buffer.putByte(random.nextInt(length), (byte)random.nextInt());
                return length;
        }
    }

    @Test
    void acceptsOnlySignedControlFromKnownSenders()
    {
        final KeyPair keys = Ed25519Keys.generate();
        final EnvelopeVerifier verifier = new EnvelopeVerifier();
        verifier.register(5, keys.getPublic());
        final EnvelopeSigner signer = new EnvelopeSigner(5, keys.getPrivate(), 1);
        final UnsafeBuffer body = new UnsafeBuffer(new byte[64]);
        final PhaseEncoder phase = new PhaseEncoder().wrapAndApplyHeader(body, 0, new MessageHeaderEncoder());
        phase.runId(1).phase(PhaseKind.TRAIN).epoch(3).deadlineEpochMillis(0);
        final int bodyLength = MessageHeaderEncoder.ENCODED_LENGTH + phase.encodedLength();

        final String channel = Channels.ipc();
        final int[] phases = new int[1];
        try (FrameSubscriber subscriber = new FrameSubscriber(host.aeron(), channel, Streams.CONTROL,
            (DirectBuffer b, int o, int l, FrameValidator v) -> phases[0]++, verifier, null);
            FramePublisher publisher = new FramePublisher(host.aeron(), channel, Streams.CONTROL, null,
                new YieldingIdleStrategy(), 5, TimeUnit.SECONDS))
        {
            send(publisher, subscriber, signer.sign(buffer, 0, body, 0, bodyLength));
            send(publisher, subscriber, copyBody(body, bodyLength));
            final int replay = signer.sign(buffer, 0, body, 0, bodyLength);
            send(publisher, subscriber, replay);
            send(publisher, subscriber, replay);
            drain(subscriber, 2, 2);
            assertEquals(2, phases[0]);
            assertEquals(1, subscriber.counters().rejects(RejectReason.UNSIGNED_CONTROL));
            assertEquals(1, subscriber.counters().rejects(RejectReason.REPLAYED_SEQUENCE));
        }
    }

    private int copyBody(final UnsafeBuffer body, final int length)
    {
        buffer.putBytes(0, body, 0, length);
        return length;
    }
}
