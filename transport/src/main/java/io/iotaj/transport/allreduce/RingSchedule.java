package io.iotaj.transport.allreduce;

/**
 * The ring all-reduce baseline: the vector is cut into N chunks; in N-1 reduce-scatter steps each
 * peer passes a weighted partial sum to its right neighbour and adds the one from its left, after
 * which peer i holds the finished chunk i+1; N-1 all-gather steps then pass the finished chunks on.
 * Each peer sends and receives {@code 2(N-1)/N} vector sizes, over 2(N-1) dependent steps, numbered
 * 0 to 2N-3 on the wire: at step s a peer sends chunk {@link #chunkAt}{@code (N, s, self)}.
 */
final class RingSchedule
{
    static final int SEND_PARTIAL = 1;
    static final int FINISH_OWN = 2;
    static final int SEND_FINISHED = 3;
    static final int AWAIT_ALL = 4;

    private RingSchedule()
    {
    }

    /** Start of chunk {@code c} for a vector cut into {@code chunks} near-equal chunks; c may be {@code chunks}. */
    static int offset(final int elements, final int chunks, final int c)
    {
        return c * (elements / chunks) + Math.min(c, elements % chunks);
    }

    /** The chunk {@code sender} sends at {@code step}: a partial sum before step N-1, a finished chunk from it on. */
    static int chunkAt(final int peers, final int step, final int sender)
    {
        return step < peers - 1 ? Math.floorMod(sender - step, peers) : Math.floorMod(sender + 1 - (step - (peers - 1)), peers);
    }

    static Program main(final int peers, final int self)
    {
        final Program program = new Program(2 * peers + 1);
        final long right = 1L << (self + 1) % peers;
        for (int step = 0; step < peers - 1; step++)
        {
            program.add(SEND_PARTIAL, chunkAt(peers, step, self), right);
        }
        program.add(FINISH_OWN, (self + 1) % peers, 0);
        for (int step = peers - 1; step < 2 * (peers - 1); step++)
        {
            program.add(SEND_FINISHED, chunkAt(peers, step, self), right);
        }
        program.add(AWAIT_ALL, -1, 0);
        return program;
    }
}
