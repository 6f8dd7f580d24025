package io.iotaj.transport.allreduce;

import java.util.Arrays;

/**
 * The peers' local values of the chunks one peer reduces, one slot per (chunk, sender), filled frame
 * by frame. A chunk is reduced once, over the senders whose slot is complete; frames that arrive
 * after that are refused. Storage grows only when a chunk is added that does not fit.
 */
final class ContributionStaging
{
    private final Partition partition;
    private final int peers;
    private final int[] base;
    private final int[] received;
    private final boolean[] reduced;
    private float[] values = new float[0];
    private int size;

    ContributionStaging(final Partition partition)
    {
        this.partition = partition;
        this.peers = partition.peers();
        this.base = new int[partition.chunks()];
        this.received = new int[partition.chunks() * peers];
        this.reduced = new boolean[partition.chunks()];
        Arrays.fill(base, -1);
    }

    /** Forgets every chunk. */
    void clear()
    {
        Arrays.fill(base, -1);
        size = 0;
        rewind();
    }

    /** Keeps the chunks but empties their slots, for a new merge. */
    void rewind()
    {
        Arrays.fill(received, 0);
        Arrays.fill(reduced, false);
    }

    /** Makes room for the contributions to {@code chunk}. */
    void add(final int chunk)
    {
        base[chunk] = size;
        size += peers * partition.length(chunk);
        if (values.length < size)
        {
            values = Arrays.copyOf(values, size);
        }
    }

    boolean holds(final int chunk)
    {
        return base[chunk] >= 0;
    }

    boolean isReduced(final int chunk)
    {
        return reduced[chunk];
    }

    /** Fills {@code self}'s slot of {@code chunk} from its local vector. */
    void putLocal(final int chunk, final int self, final float[] local)
    {
        final int length = partition.length(chunk);
        System.arraycopy(local, partition.offset(chunk), values, base[chunk] + self * length, length);
        received[chunk * peers + self] = length;
    }

    /** Stores a frame's payload from {@code sender}, {@code within} elements into the chunk. */
    void store(final ChunkFrame frame, final int chunk, final int sender, final int within)
    {
        frame.getPayload(values, base[chunk] + sender * partition.length(chunk) + within);
        received[chunk * peers + sender] += frame.elementCount();
    }

    /** Bit p set when peer p's slot of {@code chunk} is complete. */
    long completeSenders(final int chunk)
    {
        final int length = partition.length(chunk);
        long senders = 0;
        for (int p = 0; p < peers; p++)
        {
            if (received[chunk * peers + p] == length)
            {
                senders |= 1L << p;
            }
        }
        return senders;
    }

    /** Reduces {@code chunk} over {@code contributors} into {@code out} at the chunk's offset. */
    void reduce(final int chunk, final long contributors, final long[] weights, final float[] out)
    {
        reduced[chunk] = true;
        WeightedMean.reduce(
            values, base[chunk], partition.length(chunk), contributors, weights, out, partition.offset(chunk));
    }
}
