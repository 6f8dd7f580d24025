package io.iotaj.transport.allreduce;

/**
 * Hands a merge request from a controller thread to an agent's thread and the completion back.
 * The request's fields are published by the volatile write of the round, and read after its read.
 */
final class RoundHandoff
{
    private final int elements;
    private volatile int requestedRound;
    private volatile int completedRound;
    private float[] local;
    private long weight;

    RoundHandoff(final int elements)
    {
        this.elements = elements;
    }

    /** Controller side. */
    void request(final int round, final float[] local, final long weight)
    {
        if (local.length != elements)
        {
            throw new IllegalArgumentException("local vector has " + local.length + " elements, expected " + elements);
        }
        if (weight < 0)
        {
            throw new IllegalArgumentException("weight must be >= 0: " + weight);
        }
        final int completed = completedRound;
        if (round - completed <= 0 || requestedRound != completed)
        {
            throw new IllegalStateException("round " + round + " requested while at " + completed + "/" + requestedRound);
        }
        this.local = local;
        this.weight = weight;
        this.requestedRound = round;
    }

    /** Agent side: the requested round, to compare with the one last started. */
    int requestedRound()
    {
        return requestedRound;
    }

    /** Agent side, after {@link #requestedRound()}. */
    float[] local()
    {
        return local;
    }

    /** Agent side, after {@link #requestedRound()}. */
    long weight()
    {
        return weight;
    }

    /** Agent side: publishes the result of {@code round}. */
    void complete(final int round)
    {
        completedRound = round;
    }

    int completedRound()
    {
        return completedRound;
    }
}
