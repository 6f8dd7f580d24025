package io.iotaj.transport.allreduce;

import java.util.Arrays;

/**
 * A referee's recomputations of flagged chunks, as a whole vector, with per chunk how many elements have
 * arrived (in order) and the contributors and total weight the reducer declares. A chunk counts only
 * when complete.
 */
final class ChunkCopies
{
    private final Partition partition;
    private final float[] values;
    private final int[] received;
    private final long[] contributors;
    private final long[] weights;

    ChunkCopies(final Partition partition)
    {
        this.partition = partition;
        this.values = new float[partition.elements()];
        this.received = new int[partition.chunks()];
        this.contributors = new long[partition.chunks()];
        this.weights = new long[partition.chunks()];
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
    void complete(final int chunk, final long contributors, final long weight)
    {
        this.received[chunk] = partition.length(chunk);
        this.contributors[chunk] = contributors;
        this.weights[chunk] = weight;
    }

    /**
     * Stores a frame of {@code chunk}, whose range the caller checked lies inside the chunk.
     *
     * @return false, storing nothing, when the frame does not start where the last one ended or
     * declares other contributors or weight than the first one did.
     */
    boolean store(final ChunkReader frame, final int chunk)
    {
        final int within = (int)(frame.elementOffset() - partition.offset(chunk));
        if (within != received[chunk])
        {
            return false;
        }
        if (within == 0)
        {
            contributors[chunk] = frame.contributors();
            weights[chunk] = frame.weight();
        }
        else if (contributors[chunk] != frame.contributors() || weights[chunk] != frame.weight())
        {
            return false;
        }
        frame.getPayload(values, (int)frame.elementOffset());
        received[chunk] += frame.elementCount();
        return true;
    }

    boolean isComplete(final int chunk)
    {
        return received[chunk] == partition.length(chunk);
    }

    long contributors(final int chunk)
    {
        return contributors[chunk];
    }

    long weight(final int chunk)
    {
        return weights[chunk];
    }

    /** Copies {@code chunk} into {@code result}. */
    void commit(final int chunk, final float[] result)
    {
        final int offset = partition.offset(chunk);
        System.arraycopy(values, offset, result, offset, partition.length(chunk));
    }
}
