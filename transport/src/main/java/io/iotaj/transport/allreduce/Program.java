package io.iotaj.transport.allreduce;

/**
 * A schedule as data: an ordered list of operations {@code (kind, chunk, targets)} that an agent
 * executes one after the other, each one either done now or retried on the agent's next duty cycle.
 * {@code targets} has bit p set for each peer p the operation sends to. Capacity is fixed at
 * construction so refilling or reordering never allocates.
 */
final class Program
{
    private final int[] kinds;
    private final int[] chunks;
    private final long[] targets;
    private int count;

    Program(final int capacity)
    {
        kinds = new int[capacity];
        chunks = new int[capacity];
        targets = new long[capacity];
    }

    void add(final int kind, final int chunk, final long targets)
    {
        kinds[count] = kind;
        chunks[count] = chunk;
        this.targets[count] = targets;
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

    long targets(final int op)
    {
        return targets[op];
    }

    /** Swaps the chunks of operations {@code a} and {@code b}, which must be of the same kind and targets. */
    void swapChunks(final int a, final int b)
    {
        final int chunk = chunks[a];
        chunks[a] = chunks[b];
        chunks[b] = chunk;
    }
}
