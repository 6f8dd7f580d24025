package io.iotaj.transport.allreduce;

import java.util.Arrays;

/**
 * One reducer's copy of the chunks, as a whole vector, with per chunk how many elements have
 * arrived and which contributors the reducer says it included. A chunk counts only when complete.
 */
final class ChunkCopies
{
    private final Partition partition;
    private final float[] values;
    private final int[] received;
    private final long[] contributors;

    ChunkCopies(final Partition partition)
    {
        this.partition = partition;
        this.values = new float[partition.elements()];
        this.received = new int[partition.chunks()];
        this.contributors = new long[partition.chunks()];
    }

    void rewind()
    {
        Arrays.fill(received, 0);
    }

    /** The vector the copies are written into, at their chunks' offsets. */
    float[] values()
    {
        return values;
    }

    /** Records that {@code chunk} was written locally in full. */
    void complete(final int chunk, final long contributors)
    {
        this.received[chunk] = partition.length(chunk);
        this.contributors[chunk] = contributors;
    }

    /** Stores a frame of {@code chunk}. */
    void store(final ChunkFrame frame, final int chunk)
    {
        frame.getPayload(values, frame.elementOffset());
        received[chunk] += frame.elementCount();
        contributors[chunk] = frame.contributors();
    }

    boolean isComplete(final int chunk)
    {
        return received[chunk] == partition.length(chunk);
    }

    long contributors(final int chunk)
    {
        return contributors[chunk];
    }

    /** Same contributors and values within {@code tolerance} (relative) as {@code other}'s copy of {@code chunk}. */
    boolean agrees(final ChunkCopies other, final int chunk, final double tolerance)
    {
        final int offset = partition.offset(chunk);
        return contributors[chunk] == other.contributors[chunk] &&
            WeightedMean.agree(values, offset, other.values, offset, partition.length(chunk), tolerance);
    }

    /** Copies {@code chunk} into {@code result}. */
    void commit(final int chunk, final float[] result)
    {
        final int offset = partition.offset(chunk);
        System.arraycopy(values, offset, result, offset, partition.length(chunk));
    }
}
