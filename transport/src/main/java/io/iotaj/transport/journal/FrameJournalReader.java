package io.iotaj.transport.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a {@link FrameJournal} back, in append order: {@link #poll} for tailing a live journal, {@link #scan}
 * for a time range. Entries that are not ours or are cut short are skipped and counted; a directory that is
 * not a readable journal is an {@link IOException} with a one-line reason, never a crash. Single-threaded.
 */
public final class FrameJournalReader implements AutoCloseable
{
    private static final int STORE_HEADER_PROBE = 64;
    private static final int NOT_COMPLETE_BIT = 0x8000_0000;
    private static final int META_DATA_BIT = 0x4000_0000;
    private static final String STORE_TYPE = "SCQStore";

    private final Path dir;
    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(64 * 1024);
    private long malformed;

    private FrameJournalReader(final Path dir, final ChronicleQueue queue)
    {
        this.dir = dir;
        this.queue = queue;
        this.tailer = queue.createTailer();
    }

    public static FrameJournalReader open(final Path dir) throws IOException
    {
        if (!Files.isDirectory(dir))
        {
            throw new IOException("no journal directory " + dir);
        }
        final List<Path> files;
        try (Stream<Path> listing = Files.list(dir))
        {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".cq4")).collect(Collectors.toList());
        }
        if (files.isEmpty())
        {
            throw new IOException("no journal files (*.cq4) in " + dir);
        }
        for (final Path file : files)
        {
            checkStoreHeader(file);
        }
        ChronicleQueue queue = null;
        try
        {
            queue = FrameJournal.queue(dir);
            return new FrameJournalReader(dir, queue);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(queue);
            throw malformed(dir, ex);
        }
    }

    /**
     * Chronicle waits a long time on a file whose store header never completes, so check it first: a queue
     * file opens with a complete meta-data document that names the store type.
     */
    private static void checkStoreHeader(final Path file) throws IOException
    {
        final byte[] head = new byte[STORE_HEADER_PROBE];
        final int read;
        try (InputStream in = Files.newInputStream(file))
        {
            read = in.readNBytes(head, 0, head.length);
        }
        final int header = read >= 4 ? ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt(0) : 0;
        final boolean metaData = (header & META_DATA_BIT) != 0;
        final boolean complete = (header & NOT_COMPLETE_BIT) == 0;
        if (read < 4 || !metaData || !complete ||
            !new String(head, 0, read, StandardCharsets.ISO_8859_1).contains(STORE_TYPE))
        {
            throw new IOException("malformed journal file " + file + ": not a Chronicle Queue store");
        }
    }

    /** Entries skipped because they were not journal entries or were cut short. */
    public long malformed()
    {
        return malformed;
    }

    /**
     * Reads the next entry if one is there.
     *
     * @return false when the journal has nothing more for now (poll again to tail it).
     */
    public boolean poll(final JournalEntryHandler handler) throws IOException
    {
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return false;
            }
            if (dc.isData())
            {
                readEntry(dc.wire().bytes(), handler, Long.MIN_VALUE, Long.MAX_VALUE);
            }
            return true;
        }
        catch (final HandlerFailure failure)
        {
            throw (RuntimeException)failure.getCause();
        }
        catch (final RuntimeException ex)
        {
            throw malformed(dir, ex);
        }
    }

    /** Delivers every entry stamped within {@code [fromNanos, toNanos]} from the start; returns how many. */
    public long scan(final long fromNanos, final long toNanos, final JournalEntryHandler handler) throws IOException
    {
        long delivered = 0;
        try
        {
            tailer.toStart();
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return delivered;
                    }
                    if (dc.isData() && readEntry(dc.wire().bytes(), handler, fromNanos, toNanos))
                    {
                        delivered++;
                    }
                }
            }
        }
        catch (final HandlerFailure failure)
        {
            throw (RuntimeException)failure.getCause();
        }
        catch (final RuntimeException ex)
        {
            throw malformed(dir, ex);
        }
    }

    private boolean readEntry(
        final Bytes<?> bytes,
        final JournalEntryHandler handler,
        final long fromNanos,
        final long toNanos)
    {
        if (bytes.readRemaining() < FrameJournal.ENTRY_HEADER_LENGTH || bytes.readInt() != FrameJournal.ENTRY_MAGIC)
        {
            malformed++;
            return false;
        }
        final JournalDirection direction = JournalDirection.fromCode(bytes.readByte());
        final int streamId = bytes.readInt();
        final long epochNanos = bytes.readLong();
        final int length = bytes.readInt();
        if (direction == null || length < 0 || length != bytes.readRemaining())
        {
            malformed++;
            return false;
        }
        if (epochNanos < fromNanos || epochNanos > toNanos)
        {
            return false;
        }
        frame.checkLimit(length);
        bytes.read(frame.byteArray(), 0, length);
        try
        {
            handler.onEntry(direction, streamId, epochNanos, frame, 0, length);
        }
        catch (final RuntimeException ex)
        {
            throw new HandlerFailure(ex);
        }
        return true;
    }

    /** Carries a handler's own exception past the catch that reports Chronicle's failures as malformed. */
    private static final class HandlerFailure extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        HandlerFailure(final RuntimeException cause)
        {
            super(cause);
        }
    }

    private static IOException malformed(final Path dir, final RuntimeException ex)
    {
        return new IOException("malformed journal " + dir + ": " + ex.getClass().getSimpleName() +
            (ex.getMessage() == null ? "" : " " + ex.getMessage().lines().findFirst().orElse("")), ex);
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(tailer, queue);
    }
}
