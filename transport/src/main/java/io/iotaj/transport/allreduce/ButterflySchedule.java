package io.iotaj.transport.allreduce;

/**
 * Builds one peer's butterfly program from a {@link Partition}, up front:
 * <ol>
 * <li>scatter: local values of every chunk to its owners (to the partner only for an owned chunk);</li>
 * <li>for each owned chunk: reduce once its contributions are in (or the scatter deadline passed),
 *     then publish the reduction to every other peer;</li>
 * <li>await both published copies of every chunk (or the publish deadline), cross-check them.</li>
 * </ol>
 * When copies disagree, {@link #arbitration} builds the follow-up program from the flagged chunks.
 * Empty chunks generate no sends.
 */
final class ButterflySchedule
{
    static final int SEND_LOCAL = 1;
    static final int REDUCE = 2;
    static final int SEND_REDUCED = 3;
    static final int AWAIT_COPIES = 4;
    static final int SEND_ARBITRATION_INPUT = 5;
    static final int REDUCE_ARBITRATION = 6;
    static final int SEND_ARBITRATED = 7;
    static final int AWAIT_ARBITRATION = 8;

    private ButterflySchedule()
    {
    }

    /** Upper bound on the operations of any program for {@code partition}. */
    static int capacity(final Partition partition)
    {
        return 2 * partition.chunks() * partition.peers() + 2;
    }

    static void main(final Partition partition, final int self, final Program program)
    {
        program.clear();
        final int peers = partition.peers();
        final int chunks = partition.chunks();
        // Start each peer at a different chunk so that the owners' inbound links fill evenly.
        final int start = (int)((long)self * chunks / peers);
        for (int i = 0; i < chunks; i++)
        {
            final int c = (start + i) % chunks;
            if (partition.length(c) == 0)
            {
                continue;
            }
            final int a = partition.ownerA(c);
            final int b = partition.ownerB(c);
            if (self == a || self == b)
            {
                program.add(SEND_LOCAL, c, self == a ? b : a);
            }
            else
            {
                program.add(SEND_LOCAL, c, (self & 1) == 0 ? a : b);
                program.add(SEND_LOCAL, c, (self & 1) == 0 ? b : a);
            }
        }
        for (int other = 0; other < peers; other++)
        {
            if (other == self)
            {
                continue;
            }
            final int c = Partition.chunkOf(peers, self, other);
            program.add(REDUCE, c, self);
            if (partition.length(c) > 0)
            {
                for (int k = 1; k < peers; k++)
                {
                    program.add(SEND_REDUCED, c, (self + k) % peers);
                }
            }
        }
        program.add(AWAIT_COPIES, -1, self);
    }

    /** Follow-up program for chunks whose copies disagreed, {@code flagged[0..count)}. */
    static void arbitration(
        final Partition partition, final int self, final int[] flagged, final int count, final Program program)
    {
        program.clear();
        final int peers = partition.peers();
        for (int i = 0; i < count; i++)
        {
            final int c = flagged[i];
            final int referee = partition.referee(c);
            if (referee >= 0 && referee != self)
            {
                program.add(SEND_ARBITRATION_INPUT, c, referee);
            }
        }
        for (int i = 0; i < count; i++)
        {
            final int c = flagged[i];
            if (partition.referee(c) == self)
            {
                program.add(REDUCE_ARBITRATION, c, self);
                for (int k = 1; k < peers; k++)
                {
                    program.add(SEND_ARBITRATED, c, (self + k) % peers);
                }
            }
        }
        program.add(AWAIT_ARBITRATION, -1, self);
    }
}
