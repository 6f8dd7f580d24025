package io.iotaj.transport.allreduce;

/**
 * Builds one peer's butterfly program from a {@link Partition}, up front:
 * <ol>
 * <li>scatter, in {@link #rounds} rounds of disjoint pairs: local values of each of the round's
 *     chunks to both its owners (to the partner only for an owned chunk), each frame encoded once
 *     for both;</li>
 * <li>a round later, this peer's chunk of the round: reduce it once its contributions are in (or the
 *     scatter deadline passed), then publish the reduction to every other peer, each frame encoded
 *     once for all of them, while the next rounds scatter;</li>
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
        final int rounds = rounds(peers);
        for (int round = 0; round <= rounds; round++)
        {
            if (round < rounds)
            {
                scatter(partition, self, round, program);
            }
            // A round late: the round's contributions have had the next round's scatter to arrive.
            final int partner = round > 0 ? partner(peers, round - 1, self) : -1;
            if (partner >= 0)
            {
                final int c = Partition.chunkOf(peers, self, partner);
                program.add(REDUCE, c, 0);
                program.add(SEND_REDUCED, c, others(peers, self));
            }
        }
        program.add(AWAIT_COPIES, -1, 0);
    }

    /**
     * Rounds of the scatter: the pairs are dealt as a round-robin tournament (the circle method), N/2
     * disjoint pairs a round, N-1 rounds for even N and N for odd N (each peer sitting out one).
     */
    static int rounds(final int peers)
    {
        return (peers & 1) == 0 ? peers - 1 : peers;
    }

    /** {@code peer}'s pair partner in {@code round}, or -1 when it sits the round out. */
    static int partner(final int peers, final int round, final int peer)
    {
        final int players = peers + (peers & 1); // even: a phantom peer meets the one sitting out
        final int fixed = players - 1;
        final int partner = peer == fixed ? round : peer == round ? fixed : Math.floorMod(2 * round - peer, fixed);
        return partner >= peers ? -1 : partner;
    }

    /**
     * One round of the scatter: this peer's local values of each of the round's chunks to its owners,
     * the partner only for its own. Every peer owns one chunk of the round, so every peer sends one
     * chunk to each other peer and receives one from each: a balanced all-to-all whose contributions
     * complete together. Pairs go in the order of their first owner from this peer's right.
     */
    private static void scatter(final Partition partition, final int self, final int round, final Program program)
    {
        final int peers = partition.peers();
        for (int i = 1; i <= peers; i++)
        {
            final int d = (self + i) % peers;
            final int q = partner(peers, round, d);
            if (q < 0 || Math.floorMod(q - self - 1, peers) < i - 1)
            {
                continue; // d sits out, or its pair came up already at q
            }
            final int c = Partition.chunkOf(peers, d, q);
            if (partition.length(c) > 0)
            {
                program.add(SEND_LOCAL, c, (1L << d | 1L << q) & ~(1L << self));
            }
        }
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
