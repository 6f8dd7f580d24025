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

    /**
     * Moves the two operations at {@code op} and {@code op + 1} to just before {@code end}, shifting the
     * operations between them two places earlier.
     */
    void deferPair(final int op, final int end)
    {
        final int kind0 = kinds[op];
        final int kind1 = kinds[op + 1];
        final int chunk0 = chunks[op];
        final int chunk1 = chunks[op + 1];
        final long targets0 = targets[op];
        final long targets1 = targets[op + 1];
        System.arraycopy(kinds, op + 2, kinds, op, end - op - 2);
        System.arraycopy(chunks, op + 2, chunks, op, end - op - 2);
        System.arraycopy(targets, op + 2, targets, op, end - op - 2);
        kinds[end - 2] = kind0;
        kinds[end - 1] = kind1;
        chunks[end - 2] = chunk0;
        chunks[end - 1] = chunk1;
        targets[end - 2] = targets0;
        targets[end - 1] = targets1;
    }
}
