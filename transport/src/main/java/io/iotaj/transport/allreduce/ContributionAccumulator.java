package io.iotaj.transport.allreduce;

import java.util.Arrays;

/**
 * The running weighted sums of the chunks one peer reduces. A sender's frames of a chunk gather in
 * that sender's slot, in order; the moment the slot is complete the contribution is folded into the
 * chunk's double accumulator ({@link WeightedMean#fold}) while it is still in cache, and the slot is
 * free for the sender's next chunk. A sender has one chunk on its way to a reducer at a time, so the
 * slots take one chunk per peer, not one per (chunk, peer). An incomplete contribution is never
 * folded: when a stage closes, the chunk is reduced over the contributions that completed.
 * <p>
 * Contributions of weight zero are summed apart, unweighted, while every weight seen is zero, for
 * the case where all weights are zero and the peers count equally. Storage grows only when a chunk
 * is added that does not fit.
 */
final class ContributionAccumulator
{
    private final Partition partition;
    private final int peers;
    private final long everyone;
    private final int slotLength;
    private final int[] base;
    private final long[] contributors;
    private final long[] totals;
    private final boolean[] weighted;
    private final boolean[] plainStarted;
    private final boolean[] reduced;
    private final float[] slots;
    private final int[] slotChunk;
    private final int[] slotReceived;
    private final long[] slotWeight;
    private double[] acc = new double[0];
    private double[] plain = new double[0];
    private int size;

    ContributionAccumulator(final Partition partition)
    {
        final int chunks = partition.chunks();
        this.partition = partition;
        this.peers = partition.peers();
        this.everyone = peers == 64 ? -1L : (1L << peers) - 1;
        this.slotLength = partition.maxLength();
        this.base = new int[chunks];
        this.contributors = new long[chunks];
        this.totals = new long[chunks];
        this.weighted = new boolean[chunks];
        this.plainStarted = new boolean[chunks];
        this.reduced = new boolean[chunks];
        this.slots = new float[peers * slotLength];
        this.slotChunk = new int[peers];
        this.slotReceived = new int[peers];
        this.slotWeight = new long[peers];
        Arrays.fill(base, -1);
        Arrays.fill(slotChunk, -1);
    }

    /** Forgets every chunk. */
    void clear()
    {
        Arrays.fill(base, -1);
        size = 0;
        rewind();
    }

    /** Keeps the chunks but empties their sums and the slots, for a new merge. */
    void rewind()
    {
        Arrays.fill(contributors, 0);
        Arrays.fill(totals, 0);
        Arrays.fill(weighted, false);
        Arrays.fill(plainStarted, false);
        Arrays.fill(reduced, false);
        Arrays.fill(slotChunk, -1);
    }

    /** Makes room for the sums of {@code chunk}. */
    void add(final int chunk)
    {
        base[chunk] = size;
        size += partition.length(chunk);
        if (acc.length < size)
        {
            acc = Arrays.copyOf(acc, size);
            plain = Arrays.copyOf(plain, size);
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

    /** Folds {@code self}'s own values of {@code chunk} in, straight from its local vector. */
    void putLocal(final int chunk, final int self, final float[] local, final long weight)
    {
        fold(chunk, self, local, partition.offset(chunk), weight);
    }

    /**
     * Takes a frame of {@code sender}'s values of {@code chunk}, {@code within} elements into it, and
     * folds the contribution in once it is complete.
     *
     * @return false, taking nothing, when the sender's contribution to the chunk is already in, or the
     * frame does not start where the sender's last frame of the chunk ended (a first frame at 0), or
     * it declares another weight than the first frame did.
     */
    boolean store(final ChunkReader frame, final int chunk, final int sender, final int within)
    {
        if ((contributors[chunk] >>> sender & 1) != 0)
        {
            return false;
        }
        if (slotChunk[sender] != chunk)
        {
            if (within != 0)
            {
                return false;
            }
            slotChunk[sender] = chunk; // a chunk the sender abandoned, if any, is dropped unfolded
            slotReceived[sender] = 0;
            slotWeight[sender] = frame.weight();
        }
        else if (within != slotReceived[sender] || frame.weight() != slotWeight[sender])
        {
            return false;
        }
        final int slot = sender * slotLength;
        frame.getPayload(slots, slot + within);
        slotReceived[sender] += frame.elementCount();
        if (slotReceived[sender] == partition.length(chunk))
        {
            slotChunk[sender] = -1;
            fold(chunk, sender, slots, slot, slotWeight[sender]);
        }
        return true;
    }

    /** Bit p set when peer p's contribution to {@code chunk} is in (everyone for an empty chunk). */
    long contributors(final int chunk)
    {
        return partition.length(chunk) == 0 ? everyone : contributors[chunk];
    }

    /** Total weight of the contributions in. */
    long totalWeight(final int chunk)
    {
        return totals[chunk];
    }

    /** Writes the weighted mean of the contributions in into {@code out} at the chunk's offset. */
    void reduce(final int chunk, final float[] out)
    {
        reduced[chunk] = true;
        final int length = partition.length(chunk);
        if (totals[chunk] > 0)
        {
            WeightedMean.divide(acc, base[chunk], length, totals[chunk], out, partition.offset(chunk));
        }
        else if (plainStarted[chunk])
        {
            WeightedMean.divide(plain, base[chunk], length, Long.bitCount(contributors[chunk]), out, partition.offset(chunk));
        }
    }

    private void fold(final int chunk, final int sender, final float[] values, final int from, final long weight)
    {
        final int length = partition.length(chunk);
        if (weight > 0)
        {
            WeightedMean.fold(values, from, weight, acc, base[chunk], length, !weighted[chunk]);
            weighted[chunk] = true;
        }
        else if (totals[chunk] == 0)
        {
            WeightedMean.fold(values, from, 1.0, plain, base[chunk], length, !plainStarted[chunk]);
            plainStarted[chunk] = true;
        }
        contributors[chunk] |= 1L << sender;
        totals[chunk] += weight;
    }
}
