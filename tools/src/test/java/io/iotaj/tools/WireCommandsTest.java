package io.iotaj.tools;

import io.aeron.CommonContext;
import io.iotaj.codecs.TensorFrameEncoder;
import io.iotaj.codecs.TensorKind;
import io.iotaj.codecs.json.Json;
import io.iotaj.codecs.sbe.Dtype;
import io.iotaj.transport.Channels;
import io.iotaj.transport.FramePublisher;
import io.iotaj.transport.FrameSubscriber;
import io.iotaj.transport.MediaDriverHost;
import io.iotaj.transport.PublishResult;
import io.iotaj.transport.Streams;
import io.iotaj.transport.journal.FrameJournal;
import io.iotaj.transport.journal.JournalDirection;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WireCommandsTest
{
    private static final long T0 = 1_795_000_000_000L * 1_000_000L;

    @TempDir
    Path dir;

    @Test
    void replaySummarisesAJournalAndItsTimeRange()
    {
        writeJournal(dir, 5);
        final CommandOutput all = CommandOutput.run("replay", "--journal", dir.toString());
        assertEquals(0, all.exitCode, all.toString());
        assertTrue(all.out.contains("frames 6,"), all.out);
        assertTrue(all.out.matches("(?s).*Activation\\s+5\\s.*"), all.out);
        assertTrue(all.out.matches("(?s).*invalid: TRUNCATED\\s+1\\s.*"), all.out);

        final String from = String.valueOf(T0 / 1_000_000 + 2);
        final CommandOutput part = CommandOutput.run("replay", "--journal", dir.toString(), "--from", from,
            "--to", "2026-11-18T11:06:40.003Z");
        assertEquals(0, part.exitCode, part.toString());
        assertTrue(part.out.matches("(?s).*Activation\\s+2\\s.*"), part.out);
    }

    @Test
    void replayReportsBadInputOnOneLine() throws Exception
    {
        final CommandOutput missing = CommandOutput.run("replay", "--journal", dir.resolve("absent").toString());
        assertEquals(2, missing.exitCode, missing.toString());
        assertTrue(missing.err.startsWith("iotaj: no journal directory"), missing.err);

        Files.write(dir.resolve("20261124F.cq4"), new byte[4096]);
        final CommandOutput malformed = CommandOutput.run("replay", "--journal", dir.toString());
        assertEquals(2, malformed.exitCode, malformed.toString());
        assertTrue(malformed.err.startsWith("iotaj: malformed journal file"), malformed.err);
        assertEquals(1, malformed.err.lines().count(), malformed.err);

        final CommandOutput badTime = CommandOutput.run("replay", "--journal", dir.toString(), "--to", "yesterday");
        assertEquals(2, badTime.exitCode, badTime.toString());
    }

    @Test
    void replayResendsFramesToASubscriber() throws Exception
    {
        writeJournal(dir, 20);
        final int port;
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            port = socket.getLocalPort();
        }
        final String channel = Channels.udp("127.0.0.1", port);
        final AtomicLong received = new AtomicLong();
        try (MediaDriverHost host = MediaDriverHost.embedded(
            CommonContext.getAeronDirectoryName() + "-iotaj-test-" + UUID.randomUUID());
            FrameSubscriber subscriber = new FrameSubscriber(host.aeron(), channel, Streams.ACTIVATIONS,
                (b, o, l, v) -> received.incrementAndGet(), null, null))
        {
            final Thread poller = new Thread(() ->
            {
                while (!Thread.currentThread().isInterrupted() && received.get() < 20)
                {
                    subscriber.poll(10);
                    Thread.yield();
                }
            });
            poller.start();
            final CommandOutput out = CommandOutput.run("replay", "--journal", dir.toString(), "--resend", channel,
                "--rate", "2000");
            poller.join(TimeUnit.SECONDS.toMillis(10));
            poller.interrupt();
            assertEquals(0, out.exitCode, out.toString());
            assertTrue(out.out.contains("resent 20 frames"), out.out);
            assertTrue(out.out.contains("1 refused frames skipped"), out.out);
            assertEquals(20, received.get());
        }
    }

    @Test
    void profileTransportShowsAnEndpointsCounters()
    {
        try (MediaDriverHost host = MediaDriverHost.embedded(
            CommonContext.getAeronDirectoryName() + "-iotaj-test-" + UUID.randomUUID());
            FrameSubscriber subscriber = new FrameSubscriber(host.aeron(), Channels.ipc(), 10, (b, o, l, v) -> { },
                null, null);
            FramePublisher publisher = new FramePublisher(host.aeron(), Channels.ipc(), 10, null,
                new YieldingIdleStrategy(), 5, TimeUnit.SECONDS))
        {
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);
            final int length = activation(frame, 1);
            for (int i = 0; i < 3; i++)
            {
                assertEquals(PublishResult.OK, publisher.send(frame, 0, length));
            }
            final CommandOutput out = CommandOutput.run("profile-transport", "--dir", host.aeronDirectoryName(),
                "--count", "2", "--interval-ms", "50");
            assertEquals(0, out.exitCode, out.toString());
            assertTrue(out.out.matches("(?s).*\\s3\\s+\\S*\\s*iotaj pub stream=10 aeron:ipc.*: frames.*"), out.out);
            assertTrue(!out.out.contains("rejects BAD_CRC"), "zero rejects hidden: " + out.out);
            assertTrue(out.out.contains("iotaj pub stream=10 aeron:ipc?mtu=8k|term-length=16m: back-pressure"), out.out);
            assertEquals(2, out.out.lines().filter(line -> line.contains("driver pid")).count(), out.out);
        }
        final CommandOutput gone = CommandOutput.run("profile-transport", "--dir", dir.toString(), "--once");
        assertEquals(2, gone.exitCode, gone.toString());
    }

    @Test
    void profileTransportFindsAProcesssEmbeddedDriverByPid()
    {
        try (MediaDriverHost host = MediaDriverHost.launch();
            FrameSubscriber subscriber = new FrameSubscriber(host.aeron(), Channels.ipc(), 11, (b, o, l, v) -> { },
                null, null))
        {
            assertTrue(host.isEmbedded());
            final CommandOutput out = CommandOutput.run("profile-transport", "--pid",
                String.valueOf(ProcessHandle.current().pid()), "--once");
            assertEquals(0, out.exitCode, out.toString());
            assertTrue(out.out.contains("iotaj sub stream=11 aeron:ipc"), out.out);
            assertEquals(0, subscriber.counters().frames());
        }
    }

    @ParameterizedTest(name = "invoked driver: {0}")
    @ValueSource(booleans = { false, true })
    @SuppressWarnings("unchecked")
    void benchTransportPrintsTheIssuesJsonShape(final boolean invokedDriver)
    {
        final List<String> args = new ArrayList<>(List.of("bench", "transport", "--json", "--rtt-ms", "60",
            "--throughput-ms", "60"));
        if (invokedDriver)
        {
            args.add("--invoked-driver");
        }
        final CommandOutput out = CommandOutput.run(args.toArray(new String[0]));
        assertEquals(0, out.exitCode, out.toString());
        assertEquals(1, out.out.lines().count(), out.out);
        final List<Object> results = (List<Object>)Json.parseObject(out.out).get("results");
        assertEquals(12, results.size());
        for (final Object item : results)
        {
            final Map<String, Object> row = (Map<String, Object>)item;
            assertEquals(List.of("transport", "frame_bytes", "mb_per_s", "rtt_p50_us", "rtt_p99_us", "rtt_p999_us"),
                List.copyOf(row.keySet()));
            assertTrue(List.of("aeron-ipc", "aeron-udp", "nio-tcp").contains(row.get("transport")));
            assertTrue(((Number)row.get("mb_per_s")).doubleValue() > 0, row.toString());
            assertTrue(((Number)row.get("rtt_p99_us")).doubleValue() >= ((Number)row.get("rtt_p50_us")).doubleValue());
        }
    }

    private static void writeJournal(final Path dir, final int frames)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);
        try (FrameJournal journal = FrameJournal.open(dir))
        {
            for (int i = 0; i < frames; i++)
            {
                final int length = activation(frame, i);
                journal.append(JournalDirection.SENT, Streams.ACTIVATIONS, T0 + i * 1_000_000L, frame, 0, length);
            }
            journal.append(JournalDirection.REFUSED, Streams.ACTIVATIONS, T0 + frames * 1_000_000L, frame, 0, 5);
        }
    }

    private static int activation(final UnsafeBuffer frame, final int sample)
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[32]);
        return new TensorFrameEncoder().encode(frame, 0, TensorKind.ACTIVATION, 1, sample, 0, Dtype.F32, 2, 4,
            new long[]{ 9 }, 1, null, null, payload, 0, 32);
    }
}
