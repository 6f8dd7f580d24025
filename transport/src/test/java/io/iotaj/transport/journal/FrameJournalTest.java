package io.iotaj.transport.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameJournalTest
{
    private static final long T0 = 1_795_000_000_000_000_000L;

    @TempDir
    Path dir;

    private final List<Object[]> seen = new ArrayList<>();

    @Test
    void scansATimeRangeAndReturnsTheBytesAsWritten() throws IOException
    {
        final byte[][] frames = new byte[10][];
        final Random random = new Random(3);
        try (FrameJournal journal = FrameJournal.open(dir, () -> 0))
        {
            for (int i = 0; i < frames.length; i++)
            {
                frames[i] = new byte[i == 9 ? 1 << 20 : 1 + random.nextInt(300)];
                random.nextBytes(frames[i]);
                journal.append(JournalDirection.values()[i % 3], 10 + i, T0 + i * 1000L,
                    new UnsafeBuffer(frames[i]), 0, frames[i].length);
            }
        }
        try (FrameJournalReader reader = FrameJournalReader.open(dir))
        {
            assertEquals(4, reader.scan(T0 + 3000, T0 + 6000, this::record));
            assertEquals(4, seen.size());
            for (int i = 0; i < 4; i++)
            {
                final Object[] entry = seen.get(i);
                assertEquals(JournalDirection.values()[(i + 3) % 3], entry[0]);
                assertEquals(13 + i, entry[1]);
                assertEquals(T0 + (3 + i) * 1000L, entry[2]);
                assertArrayEquals(frames[3 + i], (byte[])entry[3]);
            }
            seen.clear();
            assertEquals(10, reader.scan(Long.MIN_VALUE, Long.MAX_VALUE, this::record));
            assertArrayEquals(frames[9], (byte[])seen.get(9)[3]);
            assertEquals(0, reader.malformed());
        }
    }

    @Test
    void rollsToANewFileEachDayAndReadsAcrossThem() throws IOException
    {
        final net.openhft.chronicle.core.time.SetTimeProvider day =
            new net.openhft.chronicle.core.time.SetTimeProvider(T0 / 1_000_000);
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[]{ 9, 8, 7 });
        try (FrameJournal journal = FrameJournal.open(dir, () -> T0, day))
        {
            journal.append(JournalDirection.SENT, 1, frame, 0, 3);
            day.advanceMillis(java.util.concurrent.TimeUnit.DAYS.toMillis(1));
            journal.append(JournalDirection.SENT, 1, frame, 0, 3);
            day.advanceMillis(java.util.concurrent.TimeUnit.DAYS.toMillis(1));
            journal.append(JournalDirection.SENT, 1, frame, 0, 3);
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir))
        {
            assertEquals(3, files.filter(file -> file.toString().endsWith(".cq4")).count());
        }
        try (FrameJournalReader reader = FrameJournalReader.open(dir))
        {
            assertEquals(3, reader.scan(Long.MIN_VALUE, Long.MAX_VALUE, this::record));
        }
    }

    @Test
    void tailsEntriesAsTheyAreAppended() throws IOException
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[]{ 1, 2, 3 });
        try (FrameJournal journal = FrameJournal.open(dir))
        {
            journal.append(JournalDirection.SENT, 1, frame, 0, 3);
            try (FrameJournalReader reader = FrameJournalReader.open(dir))
            {
                assertTrue(reader.poll(this::record));
                assertFalse(reader.poll(this::record));
                journal.append(JournalDirection.RECEIVED, 2, frame, 1, 2);
                assertTrue(reader.poll(this::record));
                assertEquals(2, seen.size());
                assertArrayEquals(new byte[]{ 2, 3 }, (byte[])seen.get(1)[3]);
                assertTrue((long)seen.get(1)[2] > T0 / 2, "stamped with wall-clock epoch nanos");
            }
        }
    }

    @Test
    void reportsMissingAndMalformedJournals() throws IOException
    {
        final IOException missing = assertThrows(IOException.class,
            () -> FrameJournalReader.open(dir.resolve("absent")));
        assertTrue(missing.getMessage().startsWith("no journal directory"), missing.getMessage());

        Files.createDirectories(dir.resolve("empty"));
        assertThrows(IOException.class, () -> FrameJournalReader.open(dir.resolve("empty")));

        final Path garbage = dir.resolve("garbage");
        Files.createDirectories(garbage);
        final byte[] junk = new byte[100_000];
        new Random(1).nextBytes(junk);
        Files.write(garbage.resolve("20261124F.cq4"), junk);
        final IOException malformed = assertThrows(IOException.class, () ->
        {
            try (FrameJournalReader reader = FrameJournalReader.open(garbage))
            {
                reader.scan(Long.MIN_VALUE, Long.MAX_VALUE, this::record);
            }
        });
        assertTrue(malformed.getMessage().startsWith("malformed journal"), malformed.getMessage());
    }

    @Test
    void skipsEntriesThatAreNotJournalFrames() throws IOException
    {
        try (net.openhft.chronicle.queue.ChronicleQueue queue = FrameJournal.queue(dir);
            net.openhft.chronicle.queue.ExcerptAppender appender = queue.createAppender())
        {
            appender.writeText("not a frame");
        }
        try (FrameJournal journal = FrameJournal.open(dir))
        {
            journal.append(JournalDirection.SENT, 4, new UnsafeBuffer(new byte[8]), 0, 8);
        }
        try (FrameJournalReader reader = FrameJournalReader.open(dir))
        {
            assertEquals(1, reader.scan(Long.MIN_VALUE, Long.MAX_VALUE, this::record));
            assertEquals(1, reader.malformed());
        }
    }

    private void record(final JournalDirection direction, final int stream, final long nanos,
        final org.agrona.DirectBuffer frame, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        frame.getBytes(offset, bytes);
        seen.add(new Object[]{ direction, stream, nanos, bytes });
    }
}
