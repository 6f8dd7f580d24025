package io.iotaj.runtime.swarm;

import java.util.concurrent.atomic.AtomicLongArray;

/** What a miner did and refused, readable from any thread while it runs. */
public final class MinerStats
{
    /** Counted events. */
    public enum Event
    {
        FORWARDS, BACKWARDS, MERGES, QUEUED, WRONG_STAGE, UNKNOWN_SAMPLE, BAD_SHAPE, NOT_FROM_ORCHESTRATOR,
        DUPLICATE, QUEUE_FULL, SEND_FAILED, ABANDONED, EVICTIONS_SEEN, VALIDATION_REQUESTS
    }

    private final AtomicLongArray counts = new AtomicLongArray(Event.values().length);

    void add(final Event e)
    {
        counts.incrementAndGet(e.ordinal());
    }

    public long get(final Event e)
    {
        return counts.get(e.ordinal());
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder();
        for (final Event e : Event.values())
        {
            if (get(e) > 0)
            {
                sb.append(sb.length() == 0 ? "" : " ").append(e.name().toLowerCase()).append('=').append(get(e));
            }
        }
        return sb.toString();
    }

    /** Frames refused for what they claimed (wrong stage, unknown sample, bad shape, forged control). */
    public long refused()
    {
        return get(Event.WRONG_STAGE) + get(Event.UNKNOWN_SAMPLE) + get(Event.BAD_SHAPE) +
            get(Event.NOT_FROM_ORCHESTRATOR) + get(Event.DUPLICATE);
    }
}
