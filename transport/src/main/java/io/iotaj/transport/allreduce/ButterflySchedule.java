package io.iotaj.transport.allreduce;

/**
 * Builds one peer's butterfly program from a {@link Partition}, up front:
 * <ol>
 * <li>scatter: local values of every chunk to both its owners (to the partner only for an owned
 *     chunk), each frame encoded once for both;</li>
 * <li>for each owned chunk: reduce once its contributions are in (or the scatter deadline passed),
 *     then publish the reduction to every other peer, each frame encoded once for all of them;</li>
 * <li>await both published copies of every chunk (or the publish deadline), cross-check them.</li>
 * </ol>
 * When copies disagree, {@link #arbitration} builds the follow-up program from the flagged chunks.
 * Empty chunks generate no scatter; their reduce and publish pairs are kept (they send nothing) so that
 * every owned chunk has one, which lets the agent run a ready pair ahead of one still waiting.
 * <p>
 * The {@code STEP_} constants are the {@code step} field of the frames each stage sends.
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

    /** A peer's local values of a chunk, to its owners (kind CONTRIBUTION). */
    static final short STEP_SCATTER = 0;
    /** An owner's reduction of a chunk, to every other peer (kind REDUCED). */
    static final short STEP_PUBLISH = 1;
    /** A peer's local values of a flagged chunk, to its referee (kind CONTRIBUTION). */
    static final short STEP_ARBITRATION_INPUT = 2;
    /** The referee's recomputation of a flagged chunk, to every other peer (kind REDUCED). */
    static final short STEP_ARBITRATION_RESULT = 3;

    private ButterflySchedule()
    {
    }

    /** Upper bound on the operations of any program for {@code partition}. */
    static int capacity(final Partition partition)
    {
        return 3 * partition.chunks() + 2;
    }

    /** Bit p set for every peer p but {@code self}. */
    static long others(final int peers, final int self)
    {
        return (peers == 64 ? -1L : (1L << peers) - 1) & ~(1L << self);
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
            final long owners = 1L << partition.ownerA(c) | 1L << partition.ownerB(c);
            program.add(SEND_LOCAL, c, owners & ~(1L << self));
        }
        for (int k = 1; k < peers; k++)
        {
            // Owned chunks in the order of the partners from this peer's right, as the scatter fills them.
            final int c = Partition.chunkOf(peers, self, (self + k) % peers);
            program.add(REDUCE, c, 0);
            program.add(SEND_REDUCED, c, others(peers, self));
        }
        program.add(AWAIT_COPIES, -1, 0);
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
                program.add(SEND_ARBITRATION_INPUT, c, 1L << referee);
            }
        }
        for (int i = 0; i < count; i++)
        {
            final int c = flagged[i];
            if (partition.referee(c) == self)
            {
                program.add(REDUCE_ARBITRATION, c, 0);
                program.add(SEND_ARBITRATED, c, others(peers, self));
            }
        }
        program.add(AWAIT_ARBITRATION, -1, 0);
    }
}
