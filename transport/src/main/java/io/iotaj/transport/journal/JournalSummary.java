package io.iotaj.transport.journal;

import io.iotaj.codecs.FrameValidator;
import io.iotaj.codecs.MessageTypes;
import io.iotaj.codecs.RejectReason;
import io.iotaj.codecs.sbe.SignedEnvelopeDecoder;
import org.agrona.DirectBuffer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tallies journal entries: frames and bytes by message type and by direction, and the time span. Frames that
 * fail validation are tallied under their reject reason; signed control frames under their body's type.
 */
public final class JournalSummary implements JournalEntryHandler
{
    private final FrameValidator validator = new FrameValidator(true);
    private final Map<String, long[]> byType = new TreeMap<>();
    private final long[] framesByDirection = new long[JournalDirection.values().length];
    private long frames;
    private long bytes;
    private long firstNanos = Long.MAX_VALUE;
    private long lastNanos = Long.MIN_VALUE;

    @Override
    public void onEntry(
        final JournalDirection direction,
        final int streamId,
        final long epochNanos,
        final DirectBuffer frame,
        final int offset,
        final int length)
    {
        final long[] tally = byType.computeIfAbsent(typeOf(frame, offset, length), type -> new long[2]);
        tally[0]++;
        tally[1] += length;
        framesByDirection[direction.ordinal()]++;
        frames++;
        bytes += length;
        firstNanos = Math.min(firstNanos, epochNanos);
        lastNanos = Math.max(lastNanos, epochNanos);
    }

    private String typeOf(final DirectBuffer frame, final int offset, final int length)
    {
        final RejectReason reason = validator.validate(frame, offset, length);
        if (reason != RejectReason.NONE)
        {
            return "invalid: " + reason.name();
        }
        if (validator.templateId() == SignedEnvelopeDecoder.TEMPLATE_ID)
        {
            return MessageTypes.name(validator.envelopeBody().templateId()) + " (signed)";
        }
        return MessageTypes.name(validator.templateId());
    }

    public long frames()
    {
        return frames;
    }

    public long bytes()
    {
        return bytes;
    }

    public long frames(final JournalDirection direction)
    {
        return framesByDirection[direction.ordinal()];
    }

    /** Frames of a type as {@link #format} names it, e.g. "Activation" or "invalid: BAD_CRC". */
    public long frames(final String type)
    {
        final long[] tally = byType.get(type);
        return tally == null ? 0 : tally[0];
    }

    /** A multi-line human summary. */
    public String format()
    {
        final StringBuilder out = new StringBuilder();
        out.append(String.format("frames %d, bytes %d", frames, bytes));
        if (frames > 0)
        {
            out.append(String.format(", from %s to %s (%s)%n", Instant.ofEpochSecond(0, firstNanos),
                Instant.ofEpochSecond(0, lastNanos), Duration.ofNanos(lastNanos - firstNanos)));
        }
        else
        {
            out.append(System.lineSeparator());
        }
        for (final JournalDirection direction : JournalDirection.values())
        {
            out.append(String.format("  %-9s %10d frames%n", direction.name().toLowerCase(),
                framesByDirection[direction.ordinal()]));
        }
        out.append(String.format("  %-32s %10s %14s%n", "type", "frames", "bytes"));
        for (final Map.Entry<String, long[]> entry : byType.entrySet())
        {
            out.append(String.format("  %-32s %10d %14d%n", entry.getKey(), entry.getValue()[0], entry.getValue()[1]));
        }
        return out.toString();
    }
}
