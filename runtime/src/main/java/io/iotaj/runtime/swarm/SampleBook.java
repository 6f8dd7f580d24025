package io.iotaj.runtime.swarm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The orchestrator's record of every sample it dispatched. Each dispatch of a sample carries an attempt
 * number; a sample is completed by the first loss report of its current attempt and only once. When a
 * miner is evicted or a sample times out, the sample is re-issued under a new attempt, so late frames of
 * the old attempt are recognised and dropped.
 */
public final class SampleBook
{
    /** Why a loss report was not counted. */
    public enum Refusal
    {
        NONE, NEVER_DISPATCHED, STALE_ATTEMPT, ALREADY_COMPLETED
    }

    private static final class Entry
    {
        int attempt;
        long dispatchedNs;
        boolean completed;
        final List<Integer> pathway = new ArrayList<>();
    }

    private final Map<Long, Entry> samples = new HashMap<>();
    private final Map<Long, Entry> inFlight = new LinkedHashMap<>();
    private long dispatched;
    private long completed;
    private long reissued;

    /** Records a first dispatch; returns its attempt number (0). */
    public int dispatch(final long sampleId, final int headMiner, final long nowNs)
    {
        if (samples.containsKey(sampleId))
        {
            throw new IllegalStateException("sample " + sampleId + " was already dispatched");
        }
        final Entry e = new Entry();
        e.dispatchedNs = nowNs;
        e.pathway.add(headMiner);
        samples.put(sampleId, e);
        inFlight.put(sampleId, e);
        dispatched++;
        return 0;
    }

    /** Notes that a sample's current attempt reached another miner (from activation routing reports). */
    public void extendPathway(final long sampleId, final int attempt, final int minerId)
    {
        final Entry e = samples.get(sampleId);
        if (e != null && !e.completed && e.attempt == attempt)
        {
            e.pathway.add(minerId);
        }
    }

    /** Counts a loss report; returns NONE when it completed the sample. */
    public Refusal complete(final long sampleId, final int attempt)
    {
        final Entry e = samples.get(sampleId);
        if (e == null)
        {
            return Refusal.NEVER_DISPATCHED;
        }
        if (e.completed)
        {
            return Refusal.ALREADY_COMPLETED;
        }
        if (e.attempt != attempt)
        {
            return Refusal.STALE_ATTEMPT;
        }
        e.completed = true;
        inFlight.remove(sampleId);
        completed++;
        return Refusal.NONE;
    }

    /** The current attempt of a dispatched sample, or -1. */
    public int attemptOf(final long sampleId)
    {
        final Entry e = samples.get(sampleId);
        return e == null ? -1 : e.attempt;
    }

    public boolean isCompleted(final long sampleId)
    {
        final Entry e = samples.get(sampleId);
        return e != null && e.completed;
    }

    /**
     * Samples in flight whose pathway touched {@code minerId}, or that were dispatched before
     * {@code olderThanNs}: each gets a new attempt that the caller dispatches again. Returns
     * {micro-batch, new attempt, head miner of the abandoned attempt (-1 if unknown)} per sample.
     */
    public List<long[]> reissue(final int minerId, final long olderThanNs, final long nowNs)
    {
        final List<long[]> out = new ArrayList<>();
        for (final Map.Entry<Long, Entry> me : inFlight.entrySet())
        {
            final Entry e = me.getValue();
            if (e.pathway.contains(minerId) || e.dispatchedNs < olderThanNs)
            {
                out.add(renew(me.getKey(), e, nowNs));
            }
        }
        return out;
    }

    /**
     * The sample's attempt {@code attempt}, if still in flight, gets a new attempt (as {@link #reissue});
     * returns it, or null when that attempt is done or already replaced.
     */
    public long[] reissueAttempt(final long sampleId, final int attempt, final long nowNs)
    {
        final Entry e = inFlight.get(sampleId);
        return e == null || e.attempt != attempt ? null : renew(sampleId, e, nowNs);
    }

    private long[] renew(final long sampleId, final Entry e, final long nowNs)
    {
        final long oldHead = e.pathway.isEmpty() ? -1 : e.pathway.get(0);
        e.attempt++;
        e.dispatchedNs = nowNs;
        e.pathway.clear();
        reissued++;
        return new long[]{sampleId, e.attempt, oldHead};
    }

    /** Sets the head miner of a re-issued attempt. */
    public void redirect(final long sampleId, final int headMiner)
    {
        final Entry e = samples.get(sampleId);
        if (e != null && !e.completed)
        {
            e.pathway.clear();
            e.pathway.add(headMiner);
        }
    }

    public long dispatched()
    {
        return dispatched;
    }

    public long completed()
    {
        return completed;
    }

    public long reissued()
    {
        return reissued;
    }

    public int inFlight()
    {
        return inFlight.size();
    }
}
