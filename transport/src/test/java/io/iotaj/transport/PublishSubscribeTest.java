package io.iotaj.transport;

import io.iotaj.codecs.FrameValidator;
import io.iotaj.codecs.sbe.ActivationDecoder;
import io.iotaj.transport.journal.FrameJournal;
import io.iotaj.transport.journal.FrameJournalReader;
import io.iotaj.transport.journal.JournalDirection;
import io.iotaj.transport.journal.JournalSummary;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishSubscribeTest
{
    private static MediaDriverHost host;
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(2 << 20));
    private final TestFrames frames = new TestFrames();
    private final List<long[]> received = new ArrayList<>();

    @BeforeAll
    static void launch()
    {
        host = TestDrivers.embedded();
    }

    @AfterAll
    static void close()
    {
        final String dir = host.aeronDirectoryName();
        host.close();
        assertFalse(new File(dir).exists(), "driver directory deleted on close");
    }

    @Test
    void carriesSmallAndLargeFramesOverIpc()
    {
        exchange(Channels.ipc(), 10);
    }

    @Test
    void carriesSmallAndLargeFramesOverUdpLoopback()
    {
        exchange(Channels.udp("127.0.0.1", TestDrivers.freeUdpPort()), 11);
    }

    private void exchange(final String channel, final int stream)
    {
        try (FrameSubscriber subscriber = new FrameSubscriber(host.aeron(), channel, stream, this::onFrame, null, null);
            FramePublisher publisher = new FramePublisher(host.aeron(), channel, stream, null,
                new YieldingIdleStrategy(), 5, TimeUnit.SECONDS))
        {
            // 32 B-ish in place with tryClaim, then 4 KiB, 128 KiB and 1 MiB payloads through offer.
            final int[][] shapes = { { 1, 2 }, { 4, 256 }, { 32, 1024 }, { 256, 1024 } };
            long expectedBytes = 0;
            for (int i = 0; i < shapes.length; i++)
            {
                final int rows = shapes[i][0];
                final int width = shapes[i][1];
                final long sample = 100 + i;
                final int length = TestFrames.activationLength(rows, width);
                final PublishResult result = length <= 4096 ?
                    publisher.send(length, (b, o) -> frames.activation(b, o, sample, rows, width)) :
                    publisher.send(buffer, 0, frames.activation(buffer, 0, sample, rows, width));
                assertEquals(PublishResult.OK, result, "frame " + i);
                expectedBytes += length;
                awaitReceived(subscriber, i + 1);
                assertEquals(sample, received.get(i)[0]);
                assertEquals((long)rows * width * 4, received.get(i)[1]);
                assertEquals(sample + rows * width - 1, received.get(i)[2], "last element intact");
            }
            assertEquals(shapes.length, publisher.counters().frames());
            assertEquals(expectedBytes, subscriber.counters().bytes());
            assertEquals(0, subscriber.counters().totalRejects());
            subscriber.counters().publishLatency();
            assertTrue(subscriber.counters().histogram().getTotalCount() == shapes.length);
        }
    }

    private void awaitReceived(final FrameSubscriber subscriber, final int count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.size() < count)
        {
            if (subscriber.poll(10) == 0)
            {
                Thread.yield();
            }
            assertTrue(System.nanoTime() < deadline, "frame " + count + " did not arrive");
        }
    }

    private void onFrame(final DirectBuffer frame, final int offset, final int length, final FrameValidator validated)
    {
        final int block = offset + FrameValidator.HEADER_LENGTH;
        final int payload = validated.varOffset(0);
        final int payloadLength = validated.varLength(0);
        received.add(new long[]{
            frame.getLong(block + ActivationDecoder.sampleIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN),
            payloadLength,
            (long)frame.getFloat(payload + payloadLength - 4, ByteOrder.LITTLE_ENDIAN) });
    }

    @Test
    void journalsSentReceivedAndRefusedFrames(@TempDir final Path dir) throws IOException
    {
        final String channel = Channels.ipc();
        try (FrameJournal sent = FrameJournal.open(dir);
            FrameJournal received = FrameJournal.open(dir);
            FrameSubscriber subscriber = new FrameSubscriber(host.aeron(), channel, 15, this::onFrame, null, received);
            FramePublisher publisher = new FramePublisher(host.aeron(), channel, 15, sent,
                new YieldingIdleStrategy(), 5, TimeUnit.SECONDS))
        {
            final int length = frames.activation(buffer, 0, 5, 2, 8);
            assertEquals(PublishResult.OK, publisher.send(buffer, 0, length));
            buffer.putByte(length - 1, (byte)~buffer.getByte(length - 1));
            assertEquals(PublishResult.OK, publisher.send(buffer, 0, length));
            awaitReceived(subscriber, 1);
            while (subscriber.counters().totalRejects() == 0)
            {
                subscriber.poll(10);
            }
        }
        final JournalSummary summary = new JournalSummary();
        try (FrameJournalReader reader = FrameJournalReader.open(dir))
        {
            assertEquals(4, reader.scan(Long.MIN_VALUE, Long.MAX_VALUE, summary));
        }
        assertEquals(2, summary.frames(JournalDirection.SENT));
        assertEquals(1, summary.frames(JournalDirection.RECEIVED));
        assertEquals(1, summary.frames(JournalDirection.REFUSED));
        assertEquals(2, summary.frames("Activation"));
        assertEquals(2, summary.frames("invalid: BAD_CRC"));
    }

    @Test
    void reportsNotConnectedAfterTheDeadline()
    {
        try (FramePublisher publisher = new FramePublisher(host.aeron(), Channels.ipc(), 12, null,
            new YieldingIdleStrategy(), 50, TimeUnit.MILLISECONDS))
        {
            final int length = frames.activation(buffer, 0, 1, 1, 2);
            assertEquals(PublishResult.NOT_CONNECTED, publisher.send(buffer, 0, length));
            assertEquals(1, publisher.counters().notConnectedEvents());
            assertEquals(0, publisher.counters().frames());
        }
    }

    @Test
    void reportsBackPressureWhenTheSubscriberStopsReading()
    {
        final String channel = Channels.ipc();
        try (FrameSubscriber subscriber = new FrameSubscriber(host.aeron(), channel, 13, this::onFrame, null, null);
            FramePublisher publisher = new FramePublisher(host.aeron(), channel, 13, null,
                new YieldingIdleStrategy(), 20, TimeUnit.MILLISECONDS))
        {
            final int length = frames.activation(buffer, 0, 7, 256, 1024);
            awaitConnected(publisher);
            PublishResult result = PublishResult.OK;
            int sent = 0;
            while (result == PublishResult.OK && sent < 1000)
            {
                result = publisher.send(buffer, 0, length);
                sent += result == PublishResult.OK ? 1 : 0;
            }
            assertEquals(PublishResult.BACK_PRESSURED, result);
            assertEquals(1, publisher.counters().backPressureEvents());
            assertEquals(sent, publisher.counters().frames());

            awaitReceived(subscriber, sent);
            assertEquals(PublishResult.OK, publisher.send(buffer, 0, length), "flows again once drained");
        }
    }

    @Test
    void externalHostUsesAnotherProcesssDriver()
    {
        final String channel = Channels.ipc();
        try (MediaDriverHost external = MediaDriverHost.external(host.aeronDirectoryName());
            FrameSubscriber subscriber = new FrameSubscriber(host.aeron(), channel, 16, this::onFrame, null, null);
            FramePublisher publisher = new FramePublisher(external.aeron(), channel, 16, null,
                new YieldingIdleStrategy(), 5, TimeUnit.SECONDS))
        {
            assertFalse(external.isEmbedded());
            assertEquals(PublishResult.OK, publisher.send(buffer, 0, frames.activation(buffer, 0, 77, 1, 4)));
            awaitReceived(subscriber, 1);
            assertEquals(77, received.get(0)[0]);
        }
    }

    @Test
    void refusesFramesLongerThanTheTermAllows()
    {
        try (FramePublisher publisher = new FramePublisher(host.aeron(), Channels.ipc(), 14, null,
            new YieldingIdleStrategy(), 10, TimeUnit.MILLISECONDS))
        {
            assertEquals(PublishResult.TOO_LARGE, publisher.send(buffer, 0, publisher.maxMessageLength() + 1));
            assertEquals(PublishResult.TOO_LARGE, publisher.send(publisher.maxMessageLength() + 1, (b, o) ->
            {
                throw new AssertionError("never asked to encode");
            }));
        }
    }

    private static void awaitConnected(final FramePublisher publisher)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!publisher.isConnected())
        {
            assertTrue(System.nanoTime() < deadline, "never connected");
            Thread.yield();
        }
    }
}
