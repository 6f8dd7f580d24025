package io.iotaj.clasp.emission;

import java.util.Arrays;

/**
 * Work per miner in one emission window: samples processed, and how many of those validators failed.
 * Validated work is processed minus failed. Miner ids index the arrays directly, so ids should be dense
 * (they are in the swarm: {@code stage * replicas + replica}).
 */
public final class WorkTally
{
    private long[] processed = new long[16];
    private long[] failed = new long[16];
    private int[] stage = new int[16];
    private int limit;

    public void clear()
    {
        Arrays.fill(processed, 0, limit, 0);
        Arrays.fill(failed, 0, limit, 0);
        limit = 0;
    }

    public void processed(final int minerId, final int minerStage, final long samples)
    {
        ensure(minerId);
        processed[minerId] += samples;
        stage[minerId] = minerStage;
    }

    /** A validator re-ran {@code samples} of this miner's work and rejected them. */
    public void failed(final int minerId, final int minerStage, final long samples)
    {
        ensure(minerId);
        failed[minerId] += samples;
        stage[minerId] = minerStage;
    }

    /** One past the largest miner id seen. */
    public int limit()
    {
        return limit;
    }

    public boolean seen(final int minerId)
    {
        return minerId < limit && (processed[minerId] > 0 || failed[minerId] > 0);
    }

    public int stage(final int minerId)
    {
        return stage[minerId];
    }

    public long processed(final int minerId)
    {
        return minerId < limit ? processed[minerId] : 0;
    }

    /** Processed minus failed, never negative. */
    public long validated(final int minerId)
    {
        return minerId < limit ? Math.max(0, processed[minerId] - failed[minerId]) : 0;
    }

    private void ensure(final int minerId)
    {
        if (minerId < 0)
        {
            throw new IllegalArgumentException("negative miner id " + minerId);
        }
        if (minerId >= processed.length)
        {
            final int capacity = Math.max(minerId + 1, processed.length * 2);
            processed = Arrays.copyOf(processed, capacity);
            failed = Arrays.copyOf(failed, capacity);
            stage = Arrays.copyOf(stage, capacity);
        }
        limit = Math.max(limit, minerId + 1);
    }
}
