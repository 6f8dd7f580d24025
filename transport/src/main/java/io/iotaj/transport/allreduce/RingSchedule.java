package io.iotaj.transport.allreduce;

/**
 * The ring all-reduce baseline: the vector is cut into N chunks; in N-1 reduce-scatter steps each
 * peer passes a weighted partial sum to its right neighbour and adds the one from its left, after
 * which peer i holds the finished chunk i+1; N-1 all-gather steps then pass the finished chunks on.
 * Each peer sends and receives {@code 2(N-1)/N} vector sizes, over 2(N-1) dependent steps.
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

    static Program main(final int peers, final int self)
    {
        final Program program = new Program(2 * peers + 1);
        final int right = (self + 1) % peers;
        for (int step = 0; step < peers - 1; step++)
        {
            program.add(SEND_PARTIAL, Math.floorMod(self - step, peers), right);
        }
        final int own = (self + 1) % peers;
        program.add(FINISH_OWN, own, self);
        for (int step = 0; step < peers - 1; step++)
        {
            program.add(SEND_FINISHED, Math.floorMod(own - step, peers), right);
        }
        program.add(AWAIT_ALL, -1, self);
        return program;
    }
}
