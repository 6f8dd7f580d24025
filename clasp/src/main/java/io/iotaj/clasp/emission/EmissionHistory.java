package io.iotaj.clasp.emission;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Emission windows persisted in a Chronicle Queue, one binary excerpt per window:
 * {@code magic:int, window:long, fromPosition:long, toPosition:long, fromStep:long, toStep:long,
 * estimator:utf8, burn:double, miners:int}, then per miner
 * {@code id:int, stage:int, work:long, credit:double, quality:double, excluded:byte, raw:double, share:double}.
 * Malformed excerpts are skipped and counted.
 */
public final class EmissionHistory implements AutoCloseable
{
    /** "CLE1": an emission window, version 1. */
    static final int MAGIC = 0x434C4531;
    private static final int MAX_MINERS = 1 << 20;

    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private long malformed;

    public EmissionHistory(final Path dir)
    {
        queue = ChronicleQueue.singleBuilder(dir).build();
        appender = queue.createAppender();
    }

    public void append(final EmissionWindow w)
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> b = dc.wire().bytes();
            b.writeInt(MAGIC);
            b.writeLong(w.window);
            b.writeLong(w.fromPosition);
            b.writeLong(w.toPosition);
            b.writeLong(w.fromStep);
            b.writeLong(w.toStep);
            b.writeUtf8(w.estimator);
            b.writeDouble(w.burn);
            b.writeInt(w.miners());
            for (int i = 0; i < w.miners(); i++)
            {
                b.writeInt(w.minerId(i));
                b.writeInt(w.stage(i));
                b.writeLong(w.work(i));
                b.writeDouble(w.credit(i));
                b.writeDouble(w.quality(i));
                b.writeByte((byte)(w.excluded(i) ? 1 : 0));
                b.writeDouble(w.rawShare(i));
                b.writeDouble(w.share(i));
            }
        }
    }

    /** The newest {@code count} windows, oldest first. */
    public List<EmissionWindow> last(final int count)
    {
        final List<EmissionWindow> windows = new ArrayList<>();
        try (ExcerptTailer tailer = queue.createTailer())
        {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            while (windows.size() < count)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final EmissionWindow w = decode(dc.wire().bytes());
                    if (w != null)
                    {
                        windows.add(w);
                    }
                }
            }
        }
        Collections.reverse(windows);
        return windows;
    }

    /** The newest window, or null when there is none. */
    public EmissionWindow latest()
    {
        final List<EmissionWindow> one = last(1);
        return one.isEmpty() ? null : one.get(0);
    }

    /** Excerpts that could not be decoded. */
    public long malformed()
    {
        return malformed;
    }

    @Override
    public void close()
    {
        appender.close();
        queue.close();
    }

    private EmissionWindow decode(final Bytes<?> b)
    {
        try
        {
            if (b.readRemaining() < 4 || b.readInt() != MAGIC)
            {
                malformed++;
                return null;
            }
            final long window = b.readLong();
            final long fromPosition = b.readLong();
            final long toPosition = b.readLong();
            final long fromStep = b.readLong();
            final long toStep = b.readLong();
            final String estimator = b.readUtf8();
            final double burn = b.readDouble();
            final int n = b.readInt();
            final long entryBytes = 4 + 4 + 8 + 8 + 8 + 1 + 8 + 8;
            if (n < 0 || n > MAX_MINERS || b.readRemaining() != n * entryBytes)
            {
                malformed++;
                return null;
            }
            final int[] id = new int[n];
            final int[] stage = new int[n];
            final long[] work = new long[n];
            final double[] credit = new double[n];
            final double[] quality = new double[n];
            final boolean[] excluded = new boolean[n];
            final double[] raw = new double[n];
            final double[] share = new double[n];
            for (int i = 0; i < n; i++)
            {
                id[i] = b.readInt();
                stage[i] = b.readInt();
                work[i] = b.readLong();
                credit[i] = b.readDouble();
                quality[i] = b.readDouble();
                excluded[i] = b.readByte() != 0;
                raw[i] = b.readDouble();
                share[i] = b.readDouble();
            }
            return new EmissionWindow(window, fromPosition, toPosition, fromStep, toStep,
                estimator == null ? "" : estimator, burn, id, stage, work, credit, quality, excluded, raw, share);
        }
        catch (final RuntimeException ex)
        {
            // a truncated or garbled excerpt: Chronicle throws on reads past the end
            malformed++;
            return null;
        }
    }
}
