package io.iotaj.transport.allreduce;

import org.agrona.concurrent.Agent;

/**
 * One peer of an all-reduce, as an Agrona {@link Agent}. A controller thread calls
 * {@link #request}; the agent's thread runs the merge and publishes {@link #completedRound()}.
 */
public interface MergePeer extends Agent
{
    /**
     * Starts merge {@code round} with this peer's {@code local} vector and weight (backward passes
     * since the last merge). {@code local} must not change until the round completes.
     */
    void request(int round, float[] local, long weight);

    /** The last round whose result is ready; a volatile read. */
    int completedRound();

    /** The merged vector of the completed round, owned by the peer; valid until the next request. */
    float[] result();

    /** What went wrong in the completed round. */
    MergeReport report();

    ChunkExchange exchange();
}
