package io.iotaj.transport.allreduce;

import org.agrona.concurrent.SystemNanoClock;

/** Makes one all-reduce peer over an exchange, for a caller that runs the agent itself (e.g. inside a miner's own duty cycle). */
public final class MergePeers
{
    private MergePeers()
    {
    }

    /** A butterfly peer: IOTA's pairwise partition of the vector, each chunk reduced by two peers and cross-checked. */
    public static MergePeer butterfly(final ChunkExchange exchange, final int elements, final AllReduceConfig config)
    {
        return new ButterflyAgent(exchange, Partition.uniform(exchange.peers(), elements), config, SystemNanoClock.INSTANCE);
    }
}
