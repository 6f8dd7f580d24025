package io.iotaj.transport.allreduce;

import java.util.Arrays;

/**
 * The two owners' published copies of every chunk, checked against each other frame by frame as they
 * arrive, written straight into the merge's result. Owner A's copy (the lower-numbered owner) is the
 * one the result keeps; owner B's is compared with it.
 * <p>
 * While the copies are bit-identical, as honest copies almost always are, the first frame to cover a
 * range is written into the result and the second is compared in place, straight from the link, and
 * dropped: no second array, no pass over the vector afterwards. As soon as a frame's bits differ, or
 * the two copies name different contributors or weights, the chunk turns slow: B's copy is kept apart
 * in full from then on (what B sent so far is still in the result, bit for bit), so that B's copy can
 * replace A's if A never completes and both can be compared with a referee's. A chunk this peer owns is
 * slow from the start, since its own copy is written in place before, or after, the partner's arrives.
 * <p>
 * When the copies close: both complete and agreeing, or only A complete, the result already holds A's
 * copy; only B complete, it holds B's copy or gets it from the slow copy; neither, the caller keeps local
 * values. No partial chunk reaches the result unless replaced.
 */
final class PublishedCopies
{
    private final Partition partition;
    private final int self;
    private final double tolerance;
    private final float[] result;
    private final float[] copyB;
    private final float[] scratch;
    private final int[] receivedA;
    private final int[] receivedB;
    private final long[] contributorsA;
    private final long[] contributorsB;
    private final long[] weightA;
    private final long[] weightB;
    private final boolean[] hasMetadataA;
    private final boolean[] hasMetadataB;
    private final boolean[] slow;
    private final boolean[] disagree;

    PublishedCopies(final Partition partition, final int self, final double tolerance, final float[] result)
    {
        final int chunks = partition.chunks();
        this.partition = partition;
        this.self = self;
        this.tolerance = tolerance;
        this.result = result;
        this.copyB = new float[partition.elements()];
        this.scratch = new float[partition.maxLength()];
        this.receivedA = new int[chunks];
        this.receivedB = new int[chunks];
        this.contributorsA = new long[chunks];
        this.contributorsB = new long[chunks];
        this.weightA = new long[chunks];
        this.weightB = new long[chunks];
        this.hasMetadataA = new boolean[chunks];
        this.hasMetadataB = new boolean[chunks];
        this.slow = new boolean[chunks];
        this.disagree = new boolean[chunks];
    }

    /** Forgets every copy, for a new merge. */
    void rewind()
    {
        Arrays.fill(receivedA, 0);
        Arrays.fill(receivedB, 0);
        Arrays.fill(disagree, false);
        Arrays.fill(hasMetadataA, false);
        Arrays.fill(hasMetadataB, false);
        for (int c = 0; c < slow.length; c++)
        {
            slow[c] = partition.isOwner(self, c);
        }
    }

    /** The array this peer writes its own reduction of an owned chunk into, at the chunk's offset. */
    float[] ownValues(final int chunk)
    {
        return partition.ownerA(chunk) == self ? result : copyB;
    }

    /** This peer's own reduction of {@code chunk} is in {@link #ownValues}: check it against the partner's. */
    void ownComplete(final int chunk, final long contributors, final long weight)
    {
        final int offset = partition.offset(chunk);
        final int length = partition.length(chunk);
        if (partition.ownerA(chunk) == self)
        {
            receivedA[chunk] = length;
            contributorsA[chunk] = contributors;
            weightA[chunk] = weight;
            hasMetadataA[chunk] = true;
            checkMetadata(chunk);
            noteOutcome(chunk, WeightedMean.compare(result, offset, copyB, offset, receivedB[chunk], tolerance));
        }
        else
        {
            final int a = receivedA[chunk];
            receivedB[chunk] = length;
            contributorsB[chunk] = contributors;
            weightB[chunk] = weight;
            hasMetadataB[chunk] = true;
            checkMetadata(chunk);
            noteOutcome(chunk, WeightedMean.compare(copyB, offset, result, offset, a, tolerance));
            System.arraycopy(copyB, offset + a, result, offset + a, length - a);
        }
    }

    /**
     * Takes a frame of {@code chunk} from one of its owners, whose range the caller checked lies inside
     * the chunk.
     *
     * @return false, taking nothing, when the frame does not start where that owner's last one ended,
     * or declares other contributors or weight than its first one did.
     */
    boolean store(final ChunkReader frame, final int chunk, final boolean fromA)
    {
        final int offset = partition.offset(chunk);
        final int start = (int)(frame.elementOffset() - offset);
        final int count = frame.elementCount();
        final int end = start + count;
        if (start != (fromA ? receivedA[chunk] : receivedB[chunk]))
        {
            return false;
        }
        if (!takeMetadata(frame, chunk, fromA, start))
        {
            return false;
        }
        final int other = fromA ? receivedB[chunk] : receivedA[chunk];
        final int overlap = Math.max(0, Math.min(end, other) - start);
        if (!slow[chunk])
        {
            final int outcome = overlap == 0 ? WeightedMean.IDENTICAL :
                frame.compare(0, overlap, result, offset + start, tolerance, scratch);
            if (outcome == WeightedMean.IDENTICAL)
            {
                frame.getPayload(overlap, count - overlap, result, offset + start + overlap);
                advance(chunk, fromA, end);
                return true;
            }
            turnSlow(chunk);
        }
        if (fromA)
        {
            noteOutcome(chunk, overlap == 0 ? WeightedMean.IDENTICAL : frame.compare(0, overlap, copyB, offset + start, tolerance, scratch));
            frame.getPayload(0, count, result, offset + start);
        }
        else
        {
            frame.getPayload(0, count, copyB, offset + start);
            noteOutcome(chunk, overlap == 0 ? WeightedMean.IDENTICAL : frame.compare(0, overlap, result, offset + start, tolerance, scratch));
            final int lead = Math.max(start, other);
            System.arraycopy(copyB, offset + lead, result, offset + lead, end - lead > 0 ? end - lead : 0);
        }
        advance(chunk, fromA, end);
        return true;
    }

    boolean isCompleteA(final int chunk)
    {
        return receivedA[chunk] == partition.length(chunk);
    }

    boolean isCompleteB(final int chunk)
    {
        return receivedB[chunk] == partition.length(chunk);
    }

    /** Both copies complete and they differ beyond the tolerance, or in contributors or weight. */
    boolean disagree(final int chunk)
    {
        return disagree[chunk];
    }

    /** Only B's copy is complete: makes sure the result holds it in full. */
    void keepB(final int chunk)
    {
        if (slow[chunk])
        {
            final int offset = partition.offset(chunk);
            System.arraycopy(copyB, offset, result, offset, partition.length(chunk));
        }
    }

    /**
     * Whether the copy of {@code owner} (A when {@code ownerA}) names the same contributors as a
     * referee's recomputation yet differs from it in weight or beyond the tolerance; call before the
     * referee's values replace A's in the result.
     */
    boolean differsFrom(final int chunk, final boolean ownerA, final ChunkCopies referee)
    {
        final int offset = partition.offset(chunk);
        final long contributors = ownerA ? contributorsA[chunk] : contributorsB[chunk];
        final long weight = ownerA ? weightA[chunk] : weightB[chunk];
        return contributors == referee.contributors(chunk) &&
            (weight != referee.weight(chunk) || !WeightedMean.agree(
                ownerA ? result : copyB, offset, referee.values(), offset, partition.length(chunk), tolerance));
    }

    private boolean takeMetadata(final ChunkReader frame, final int chunk, final boolean fromA, final int start)
    {
        final long[] contributors = fromA ? contributorsA : contributorsB;
        final long[] weights = fromA ? weightA : weightB;
        if (start != 0)
        {
            return contributors[chunk] == frame.contributors() && weights[chunk] == frame.weight();
        }
        contributors[chunk] = frame.contributors();
        weights[chunk] = frame.weight();
        (fromA ? hasMetadataA : hasMetadataB)[chunk] = true;
        checkMetadata(chunk);
        return true;
    }

    /** Once both copies have declared theirs, they must name the same contributors and weight. */
    private void checkMetadata(final int chunk)
    {
        if (hasMetadataA[chunk] && hasMetadataB[chunk] &&
            (contributorsA[chunk] != contributorsB[chunk] || weightA[chunk] != weightB[chunk]))
        {
            disagree[chunk] = true;
            if (!slow[chunk])
            {
                turnSlow(chunk);
            }
        }
    }

    private void noteOutcome(final int chunk, final int outcome)
    {
        if (outcome == WeightedMean.DIFFERENT)
        {
            disagree[chunk] = true;
        }
    }

    /** B's copy so far is the result's, bit for bit: keep it apart from now on. */
    private void turnSlow(final int chunk)
    {
        final int offset = partition.offset(chunk);
        System.arraycopy(result, offset, copyB, offset, receivedB[chunk]);
        slow[chunk] = true;
    }

    private void advance(final int chunk, final boolean fromA, final int end)
    {
        if (fromA)
        {
            receivedA[chunk] = end;
        }
        else
        {
            receivedB[chunk] = end;
        }
    }
}
