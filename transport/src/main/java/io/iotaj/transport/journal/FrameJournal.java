package io.iotaj.transport.journal;

import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.nio.file.Path;

/**
 * Appends frames, exactly as their SBE bytes, to a Chronicle Queue that rolls daily. Each entry is
 * {@code magic, direction, stream id, epoch nanos, length, bytes}. One appender per instance and Chronicle
 * appenders are single-threaded, so open one journal per thread (several may share a directory).
 */
public final class FrameJournal implements AutoCloseable
{
    /** "IJF1": marks an entry as ours and its layout as version 1. */
    static final int ENTRY_MAGIC = 0x31464A49;
    static final int ENTRY_HEADER_LENGTH = 4 + 1 + 4 + 8 + 4;

    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private final EpochNanoClock clock;
    private byte[] scratch = new byte[64 * 1024];

    private FrameJournal(final ChronicleQueue queue, final EpochNanoClock clock)
    {
        this.queue = queue;
        this.appender = queue.createAppender();
        this.clock = clock;
    }

    public static FrameJournal open(final Path dir)
    {
        return open(dir, new SystemEpochNanoClock());
    }

    /** Opens (creating if needed) the journal in {@code dir}, timestamping entries with {@code clock}. */
    public static FrameJournal open(final Path dir, final EpochNanoClock clock)
    {
        return new FrameJournal(queue(dir), clock);
    }

    static ChronicleQueue queue(final Path dir)
    {
        return queue(dir, SystemTimeProvider.INSTANCE);
    }

    /** The queue with the clock that decides which day's file an entry lands in (tests move it). */
    static ChronicleQueue queue(final Path dir, final TimeProvider rollClock)
    {
        return SingleChronicleQueueBuilder.single(dir.toFile())
            .rollCycle(RollCycles.FAST_DAILY)
            .timeProvider(rollClock)
            .build();
    }

    static FrameJournal open(final Path dir, final EpochNanoClock clock, final TimeProvider rollClock)
    {
        return new FrameJournal(queue(dir, rollClock), clock);
    }

    public void append(
        final JournalDirection direction,
        final int streamId,
        final DirectBuffer frame,
        final int offset,
        final int length)
    {
        append(direction, streamId, clock.nanoTime(), frame, offset, length);
    }

    public void append(
        final JournalDirection direction,
        final int streamId,
        final long epochNanos,
        final DirectBuffer frame,
        final int offset,
        final int length)
    {
        if (scratch.length < length)
        {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        frame.getBytes(offset, scratch, 0, length);
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes()
                .writeInt(ENTRY_MAGIC)
                .writeByte((byte)direction.ordinal())
                .writeInt(streamId)
                .writeLong(epochNanos)
                .writeInt(length)
                .write(scratch, 0, length);
        }
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(appender, queue);
    }
}
