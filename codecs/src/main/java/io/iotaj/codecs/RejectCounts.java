package io.iotaj.codecs;

/** Plain (single-threaded) tally of rejected frames by reason; transport endpoints use Agrona counters instead. */
public final class RejectCounts
{
    private final long[] counts = new long[RejectReason.count()];

    /** Counts the reason unless it is {@link RejectReason#NONE}; returns true when the frame was rejected. */
    public boolean record(final RejectReason reason)
    {
        if (reason == RejectReason.NONE)
        {
            return false;
        }
        counts[reason.ordinal()]++;
        return true;
    }

    public long get(final RejectReason reason)
    {
        return counts[reason.ordinal()];
    }

    public long total()
    {
        long total = 0;
        for (final long count : counts)
        {
            total += count;
        }
        return total;
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("RejectCounts{");
        for (int i = 1; i < counts.length; i++)
        {
            if (counts[i] != 0)
            {
                sb.append(RejectReason.get(i)).append('=').append(counts[i]).append(' ');
            }
        }
        return sb.append('}').toString();
    }
}
