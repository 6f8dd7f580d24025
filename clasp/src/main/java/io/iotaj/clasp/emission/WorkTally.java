package io.iotaj.clasp.emission;

import java.util.Arrays;

/**
 * Work per miner in one emission window: samples processed, and how many of those validators failed or
 * passed. Validated work is processed minus failed. Miners are kept sorted by id (any non-negative int), so an
 * update is a binary search; memory grows with the miners seen, not with their ids.
 */
public final class WorkTally
{
    private int size;
    private int[] ids = new int[16];
    private int[] stage = new int[16];
    private long[] processed = new long[16];
    private long[] failed = new long[16];
    private long[] passed = new long[16];

    public void clear()
    {
        size = 0;
    }

    public void processed(final int minerId, final int minerStage, final long samples)
    {
        final int index = slot(minerId, minerStage); // before reading the field: slot() may grow the arrays
        processed[index] += samples;
    }

    /**
     * Validators re-ran {@code samples} of this miner's work and rejected them. Validation verdicts do not
     * name a stage: a miner first seen here has stage -1 until it processes work.
     */
    public void failed(final int minerId, final long samples)
    {
        final int index = slot(minerId, -1);
        failed[index] += samples;
    }

    /** Validators re-ran {@code samples} of this miner's work and accepted them. */
    public void passed(final int minerId, final long samples)
    {
        final int index = slot(minerId, -1);
        passed[index] += samples;
    }

    /** Miners seen since {@link #clear()}, in id order. */
    public int size()
    {
        return size;
    }

    public int minerId(final int index)
    {
        return ids[index];
    }

    public int stage(final int index)
    {
        return stage[index];
    }

    public long processed(final int index)
    {
        return processed[index];
    }

    public long failed(final int index)
    {
        return failed[index];
    }

    public long passed(final int index)
    {
        return passed[index];
    }

    /** Whether validators rejected most of what they checked of this miner: its work is not to be trusted. */
    public boolean failedValidation(final int index)
    {
        return failed[index] > passed[index];
    }

    /** Processed minus failed, never negative. */
    public long validated(final int index)
    {
        return Math.max(0, processed[index] - failed[index]);
    }

    /** Index of a miner, or -1 when it did no work this window. */
    public int indexOf(final int minerId)
    {
        final int found = Arrays.binarySearch(ids, 0, size, minerId);
        return found >= 0 ? found : -1;
    }

    private int slot(final int minerId, final int minerStage)
    {
        if (minerId < 0)
        {
            throw new IllegalArgumentException("negative miner id " + minerId);
        }
        final int found = Arrays.binarySearch(ids, 0, size, minerId);
        if (found >= 0)
        {
            stage[found] = minerStage >= 0 ? minerStage : stage[found];
            return found;
        }
        final int at = -found - 1;
        if (size == ids.length)
        {
            final int capacity = size * 2;
            ids = Arrays.copyOf(ids, capacity);
            stage = Arrays.copyOf(stage, capacity);
            processed = Arrays.copyOf(processed, capacity);
            failed = Arrays.copyOf(failed, capacity);
            passed = Arrays.copyOf(passed, capacity);
        }
        final int tail = size - at;
        System.arraycopy(ids, at, ids, at + 1, tail);
        System.arraycopy(stage, at, stage, at + 1, tail);
        System.arraycopy(processed, at, processed, at + 1, tail);
        System.arraycopy(failed, at, failed, at + 1, tail);
        System.arraycopy(passed, at, passed, at + 1, tail);
        ids[at] = minerId;
        stage[at] = minerStage;
        processed[at] = 0;
        failed[at] = 0;
        passed[at] = 0;
        size++;
        return at;
    }
}
