package io.iotaj.transport.allreduce;

import java.util.Arrays;

/**
 * The peers' local values of the chunks one peer reduces, one slot per (chunk, sender), filled frame
 * by frame in order, with the weight the sender declared for it. A chunk is reduced once, over the
 * senders whose slot is complete; frames that arrive after that are refused. Storage grows only when
 * a chunk is added that does not fit.
 */
final class ContributionStaging
{
    private final Partition partition;
    private final int peers;
    private final int[] base;
    private final int[] received;
    private final long[] slotWeights;
    private final long[] weights;
    private final boolean[] reduced;
    private float[] values = new float[0];
    private int size;

    ContributionStaging(final Partition partition)
    {
        this.partition = partition;
        this.peers = partition.peers();
        this.base = new int[partition.chunks()];
        this.received = new int[partition.chunks() * peers];
        this.slotWeights = new long[partition.chunks() * peers];
        this.weights = new long[peers];
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
    void putLocal(final int chunk, final int self, final float[] local, final long weight)
    {
        final int length = partition.length(chunk);
        System.arraycopy(local, partition.offset(chunk), values, base[chunk] + self * length, length);
        received[chunk * peers + self] = length;
        slotWeights[chunk * peers + self] = weight;
    }

    /**
     * Stores a frame's payload from {@code sender}, {@code within} elements into the chunk.
     *
     * @return false, storing nothing, when the frame does not start where the sender's last frame of
     * the chunk ended or declares another weight than its first frame did.
     */
    boolean store(final ChunkReader frame, final int chunk, final int sender, final int within)
    {
        final int slot = chunk * peers + sender;
        if (within != received[slot])
        {
            return false;
        }
        if (within == 0)
        {
            slotWeights[slot] = frame.weight();
        }
        else if (slotWeights[slot] != frame.weight())
        {
            return false;
        }
        frame.getPayload(values, base[chunk] + sender * partition.length(chunk) + within);
        received[slot] += frame.elementCount();
        return true;
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

    /** Total weight the {@code contributors} declared for {@code chunk}. */
    long totalWeight(final int chunk, final long contributors)
    {
        long total = 0;
        for (long bits = contributors; bits != 0; bits &= bits - 1)
        {
            total += slotWeights[chunk * peers + Long.numberOfTrailingZeros(bits)];
        }
        return total;
    }

    /** Reduces {@code chunk} over {@code contributors} into {@code out} at the chunk's offset. */
    void reduce(final int chunk, final long contributors, final float[] out)
    {
        reduced[chunk] = true;
        System.arraycopy(slotWeights, chunk * peers, weights, 0, peers);
        WeightedMean.reduce(
            values, base[chunk], partition.length(chunk), contributors, weights, out, partition.offset(chunk));
    }
}
