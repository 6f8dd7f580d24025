package io.iotaj.transport.allreduce;

/**
 * A schedule as data: an ordered list of operations {@code (kind, chunk, peer)} that an agent
 * executes one after the other, each one either done now or retried on the agent's next duty cycle.
 * Capacity is fixed at construction so refilling never allocates.
 */
final class Program
{
    private final int[] kinds;
    private final int[] chunks;
    private final int[] peers;
    private int count;

    Program(final int capacity)
    {
        kinds = new int[capacity];
        chunks = new int[capacity];
        peers = new int[capacity];
    }

    void add(final int kind, final int chunk, final int peer)
    {
        kinds[count] = kind;
        chunks[count] = chunk;
        peers[count] = peer;
        count++;
    }

    void clear()
    {
        count = 0;
    }

    int count()
    {
        return count;
    }

    int kind(final int op)
    {
        return kinds[op];
    }

    int chunk(final int op)
    {
        return chunks[op];
    }

    int peer(final int op)
    {
        return peers[op];
    }
}
