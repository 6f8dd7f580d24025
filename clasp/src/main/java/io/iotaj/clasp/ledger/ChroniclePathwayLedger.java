package io.iotaj.clasp.ledger;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A pathway ledger persisted in a Chronicle Queue: one binary excerpt per record,
 * {@code magic:int, sampleId:long, step:long, stages:int, miner:int * stages, loss:double}, little-endian.
 * <p>
 * One writer per directory (this object); any number of readers. Sequential {@link #read} continues from a
 * cached tailer, so streaming is O(1) per record; a seek elsewhere rescans from the start.
 * {@link #lastRecords} walks backwards from the end; {@link #stepRange} scans every record.
 */
public final class ChroniclePathwayLedger implements PathwayLedger
{
    /** "CLP1": identifies a pathway record, version 1. */
    static final int MAGIC = 0x434C5031;

    private final int stages;
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private final ExcerptTailer streamTailer;
    private final RecordValidator validator;
    private final PathwayBatch reversed;
    private final int[] scratch;
    private long streamPosition;
    private long size;
    private long malformed;

    /** Opens (creating if needed) the ledger in {@code dir}; counts the records already there. */
    public ChroniclePathwayLedger(final Path dir, final int stages)
    {
        this.stages = stages;
        this.validator = new RecordValidator(stages);
        this.scratch = new int[stages];
        this.reversed = new PathwayBatch(stages, 64);
        this.queue = ChronicleQueue.singleBuilder(dir).build();
        this.appender = queue.createAppender();
        this.streamTailer = queue.createTailer();
        try (ExcerptTailer counter = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = counter.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    size++;
                }
            }
        }
    }

    /**
     * Stage count of the ledger in {@code dir}, read from its first record; -1 when the directory holds no
     * ledger records. Creates nothing.
     */
    public static int stagesOf(final Path dir)
    {
        if (!hasQueueFiles(dir))
        {
            return -1;
        }
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(dir).readOnly(true).build();
            ExcerptTailer tailer = queue.createTailer();
            DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return -1;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            if (bytes.readRemaining() < 24 || bytes.readInt() != MAGIC)
            {
                return -1;
            }
            bytes.readSkip(16);
            return bytes.readInt();
        }
    }

    private static boolean hasQueueFiles(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            return false;
        }
        try (Stream<Path> files = Files.list(dir))
        {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + dir, ex);
        }
    }

    @Override
    public int stages()
    {
        return stages;
    }

    @Override
    public boolean append(final long sampleId, final long step, final int[] pathway, final double loss)
    {
        if (validator.check(step, pathway, pathway.length, loss) != null)
        {
            return false;
        }
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeInt(MAGIC);
            bytes.writeLong(sampleId);
            bytes.writeLong(step);
            bytes.writeInt(stages);
            for (int s = 0; s < stages; s++)
            {
                bytes.writeInt(pathway[s]);
            }
            bytes.writeDouble(loss);
        }
        size++;
        return true;
    }

    @Override
    public long size()
    {
        return size;
    }

    @Override
    public long rejected()
    {
        return validator.rejected() + malformed;
    }

    @Override
    public int read(final long from, final int limit, final RecordHandler handler)
    {
        if (from < 0)
        {
            throw new IllegalArgumentException("negative position " + from);
        }
        if (from != streamPosition)
        {
            streamTailer.toStart();
            streamPosition = 0;
            while (streamPosition < from && skip(streamTailer))
            {
                streamPosition++;
            }
            if (streamPosition < from)
            {
                return 0;
            }
        }
        int consumed = 0;
        while (consumed < limit)
        {
            try (DocumentContext dc = streamTailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    break;
                }
                consumed++;
                streamPosition++;
                deliver(dc.wire().bytes(), handler);
            }
        }
        return consumed;
    }

    @Override
    public void lastRecords(final int count, final PathwayBatch dest)
    {
        dest.requireStages(stages).clear();
        reversed.clear();
        final RecordHandler collect = reversed::add;
        try (ExcerptTailer tailer = queue.createTailer())
        {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            while (reversed.size() < count)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    deliver(dc.wire().bytes(), collect);
                }
            }
        }
        for (int i = reversed.size() - 1; i >= 0; i--)
        {
            dest.addFrom(reversed, i);
        }
    }

    @Override
    public void stepRange(final long fromStep, final long toStep, final PathwayBatch dest)
    {
        dest.requireStages(stages).clear();
        final RecordHandler inRange = (sampleId, step, pathway, loss) ->
        {
            if (step >= fromStep && step < toStep)
            {
                dest.add(sampleId, step, pathway, loss);
            }
        };
        try (ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    deliver(dc.wire().bytes(), inRange);
                }
            }
        }
    }

    @Override
    public void close()
    {
        streamTailer.close();
        appender.close();
        queue.close();
    }

    private static boolean skip(final ExcerptTailer tailer)
    {
        try (DocumentContext dc = tailer.readingDocument())
        {
            return dc.isPresent();
        }
    }

    /** Decodes one excerpt; a malformed one is counted and dropped. */
    private void deliver(final Bytes<?> bytes, final RecordHandler handler)
    {
        final long expectedLength = 4 + 8 + 8 + 4 + 4L * stages + 8;
        if (bytes.readRemaining() != expectedLength || bytes.readInt() != MAGIC)
        {
            malformed++;
            return;
        }
        final long sampleId = bytes.readLong();
        final long step = bytes.readLong();
        final int recordStages = bytes.readInt();
        if (recordStages != stages)
        {
            malformed++;
            return;
        }
        for (int s = 0; s < stages; s++)
        {
            scratch[s] = bytes.readInt();
        }
        final double loss = bytes.readDouble();
        if (validator.check(step, scratch, stages, loss) != null)
        {
            return;
        }
        handler.onRecord(sampleId, step, scratch, loss);
    }
}
