package io.iotaj.clasp.ledger;

import java.util.Arrays;

/**
 * A columnar, growable block of pathway records: what the estimators read. Reused between windows, so
 * steady-state use allocates only when a window is larger than any before it.
 */
public final class PathwayBatch
{
    private final int stages;
    private int size;
    private long[] sampleIds;
    private long[] steps;
    private int[] miners;
    private double[] losses;

    public PathwayBatch(final int stages, final int initialCapacity)
    {
        if (stages < 1)
        {
            throw new IllegalArgumentException("stages must be at least 1, got " + stages);
        }
        this.stages = stages;
        final int capacity = Math.max(16, initialCapacity);
        sampleIds = new long[capacity];
        steps = new long[capacity];
        miners = new int[capacity * stages];
        losses = new double[capacity];
    }

    public int stages()
    {
        return stages;
    }

    /** Throws unless this batch holds pathways of {@code expected} stages. */
    public PathwayBatch requireStages(final int expected)
    {
        if (stages != expected)
        {
            throw new IllegalArgumentException("batch has " + stages + " stages, expected " + expected);
        }
        return this;
    }

    public int size()
    {
        return size;
    }

    public void clear()
    {
        size = 0;
    }

    /** Appends one record; the caller has validated it (see {@link RecordValidator}). */
    public void add(final long sampleId, final long step, final int[] pathway, final double loss)
    {
        ensureCapacity(size + 1);
        sampleIds[size] = sampleId;
        steps[size] = step;
        System.arraycopy(pathway, 0, miners, size * stages, stages);
        losses[size] = loss;
        size++;
    }

    /** Removes the oldest {@code count} records (all when there are fewer), keeping the rest in order. */
    public void dropOldest(final int count)
    {
        final int drop = Math.min(Math.max(0, count), size);
        final int keep = size - drop;
        System.arraycopy(sampleIds, drop, sampleIds, 0, keep);
        System.arraycopy(steps, drop, steps, 0, keep);
        System.arraycopy(miners, drop * stages, miners, 0, keep * stages);
        System.arraycopy(losses, drop, losses, 0, keep);
        size = keep;
    }

    /** Appends record {@code index} of {@code other}, which must have the same number of stages. */
    public void addFrom(final PathwayBatch other, final int index)
    {
        ensureCapacity(size + 1);
        sampleIds[size] = other.sampleIds[index];
        steps[size] = other.steps[index];
        System.arraycopy(other.miners, index * stages, miners, size * stages, stages);
        losses[size] = other.losses[index];
        size++;
    }

    public long sampleId(final int index)
    {
        return sampleIds[index];
    }

    public long step(final int index)
    {
        return steps[index];
    }

    public int miner(final int index, final int stage)
    {
        return miners[index * stages + stage];
    }

    public double loss(final int index)
    {
        return losses[index];
    }

    /** Copies record {@code index}'s pathway into {@code dest} (length at least {@link #stages()}). */
    public void pathway(final int index, final int[] dest)
    {
        System.arraycopy(miners, index * stages, dest, 0, stages);
    }

    private void ensureCapacity(final int required)
    {
        if (required > losses.length)
        {
            final int capacity = Math.max(required, losses.length * 2);
            sampleIds = Arrays.copyOf(sampleIds, capacity);
            steps = Arrays.copyOf(steps, capacity);
            miners = Arrays.copyOf(miners, capacity * stages);
            losses = Arrays.copyOf(losses, capacity);
        }
    }
}
