package io.iotaj.transport.journal;

import io.aeron.CommonContext;
import io.iotaj.codecs.TensorFrameEncoder;
import io.iotaj.codecs.TensorKind;
import io.iotaj.codecs.sbe.ActivationDecoder;
import io.iotaj.codecs.sbe.Dtype;
import io.iotaj.transport.Channels;
import io.iotaj.transport.FrameSubscriber;
import io.iotaj.transport.MediaDriverHost;
import io.iotaj.transport.Streams;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalReplayerTest
{
    private static final long T0 = 1_795_000_000_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void resendsEachFrameOnItsRecordedStreamInOrderAndSkipsRefusedOnes() throws IOException
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);
        final TensorFrameEncoder encoder = new TensorFrameEncoder();
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[16]);
        try (FrameJournal journal = FrameJournal.open(dir))
        {
            for (int i = 0; i < 6; i++)
            {
                final int length = encoder.encode(frame, 0, TensorKind.ACTIVATION, 1, i, 0, Dtype.F32, 1, 4,
                    new long[]{ 1 }, 1, null, null, payload, 0, 16);
                final JournalDirection direction = i == 4 ? JournalDirection.REFUSED : JournalDirection.SENT;
                journal.append(direction, i % 2 == 0 ? Streams.ACTIVATIONS : Streams.GRADIENTS,
                    T0 + i * 100_000L, frame, 0, length);
            }
        }

        final List<Long> activations = new ArrayList<>();
        final List<Long> gradients = new ArrayList<>();
        final String channel = Channels.ipc();
        try (MediaDriverHost host = MediaDriverHost.embedded(
            CommonContext.getAeronDirectoryName() + "-iotaj-test-" + UUID.randomUUID());
            FrameSubscriber first = new FrameSubscriber(host.aeron(), channel, Streams.ACTIVATIONS,
                (b, o, l, v) -> activations.add(sampleId(b, o)), null, null);
            FrameSubscriber second = new FrameSubscriber(host.aeron(), channel, Streams.GRADIENTS,
                (b, o, l, v) -> gradients.add(sampleId(b, o)), null, null);
            JournalReplayer replayer = new JournalReplayer(host.aeron(), channel, 0, 5, TimeUnit.SECONDS);
            FrameJournalReader reader = FrameJournalReader.open(dir))
        {
            assertEquals(6, reader.scan(Long.MIN_VALUE, Long.MAX_VALUE, replayer));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (activations.size() + gradients.size() < 5 && System.nanoTime() < deadline)
            {
                first.poll(10);
                second.poll(10);
            }
            assertEquals(5, replayer.sent());
            assertEquals(1, replayer.skipped());
        }
        assertEquals(List.of(0L, 2L), activations);
        assertEquals(List.of(1L, 3L, 5L), gradients);
    }

    @Test
    void refusesANegativeRateAndGivesUpWithoutASubscriber() throws IOException
    {
        try (MediaDriverHost host = MediaDriverHost.embedded(
            CommonContext.getAeronDirectoryName() + "-iotaj-test-" + UUID.randomUUID()))
        {
            assertThrows(IllegalArgumentException.class,
                () -> new JournalReplayer(host.aeron(), Channels.ipc(), -1, 1, TimeUnit.SECONDS));
            try (JournalReplayer replayer = new JournalReplayer(host.aeron(), Channels.ipc(), 1000, 50,
                TimeUnit.MILLISECONDS))
            {
                final UncheckedIOException ex = assertThrows(UncheckedIOException.class, () -> replayer.onEntry(
                    JournalDirection.SENT, 99, T0, new UnsafeBuffer(new byte[8]), 0, 8));
                assertTrue(ex.getMessage().startsWith("no subscriber on aeron:ipc"), ex.getMessage());
            }
        }
    }

    private static long sampleId(final org.agrona.DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + 8 + ActivationDecoder.sampleIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN);
    }
}
