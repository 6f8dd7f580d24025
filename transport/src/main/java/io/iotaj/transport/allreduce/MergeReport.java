package io.iotaj.transport.allreduce;

import io.iotaj.codecs.RejectCounts;

import java.util.ArrayList;
import java.util.List;

/**
 * What one peer saw go wrong during one merge. Empty on a clean merge; filled only on the
 * exceptional path, so allocation here is not on the steady-state path.
 */
public final class MergeReport
{
    /** Kinds of event. */
    public enum Kind
    {
        /** An owner's published copy differed from the referee's recomputation. */
        DISAGREED,
        /** An owner's copy did not arrive before the deadline; the partner's copy was used. */
        SILENT,
        /** Neither copy arrived; the chunk was left at this peer's local values. */
        LOST,
        /** Copies disagreed and no referee result arrived; the chunk was left at local values. */
        UNRESOLVED
    }

    /** One event: a kind, a chunk and the peer concerned (-1 when no single peer is). */
    public record Event(Kind kind, int chunk, int peer)
    {
    }

    private final List<Event> events = new ArrayList<>();
    private final RejectCounts rejects;
    private long badFrames;
    private long staleFrames;

    MergeReport(final RejectCounts rejects)
    {
        this.rejects = rejects;
    }

    void clear()
    {
        events.clear();
    }

    void add(final Kind kind, final int chunk, final int peer)
    {
        events.add(new Event(kind, chunk, peer));
    }

    void onBadFrame()
    {
        badFrames++;
    }

    void onStaleFrame()
    {
        staleFrames++;
    }

    /** Events of the last merge. */
    public List<Event> events()
    {
        return List.copyOf(events);
    }

    public boolean isClean()
    {
        return events.isEmpty();
    }

    /**
     * Frames dropped since the peer started because they were malformed (see {@link #rejects()}) or
     * broke the merge's rules: another run or stage, a sender outside the group or not entitled to
     * send that step of that chunk, a range outside the chunk or out of order.
     */
    public long badFrames()
    {
        return badFrames;
    }

    /** Of the {@link #badFrames()}, those the codec refused, by reason (CRC32C, lengths, header...). */
    public RejectCounts rejects()
    {
        return rejects;
    }

    /** Frames of an earlier merge, or late for a stage already closed, dropped since the peer started. */
    public long staleFrames()
    {
        return staleFrames;
    }

    @Override
    public String toString()
    {
        return "MergeReport{events=" + events + ", badFrames=" + badFrames + ", rejects=" + rejects +
            ", staleFrames=" + staleFrames + '}';
    }
}
