package io.iotaj.transport.allreduce;

import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;

/**
 * N peers in one process, fully connected by one single-producer single-consumer Agrona ring
 * buffer per directed link, so each link is FIFO and lock-free. Optionally every link delays
 * delivery by a fixed latency, to stand in for a wide-area network.
 */
public final class InProcessNetwork
{
    private final RingBuffer[][] links; // [from][to], null on the diagonal
    private final NanoClock clock;
    private final long latencyNs;

    public InProcessNetwork(final int peers, final int linkCapacity, final long latencyNs, final NanoClock clock)
    {
        if (peers < 1 || peers > ChunkFraming.MAX_PEERS)
        {
            throw new IllegalArgumentException("peers must be in 1.." + ChunkFraming.MAX_PEERS + ": " + peers);
        }
        this.links = new RingBuffer[peers][peers];
        this.clock = clock;
        this.latencyNs = latencyNs;
        // All links into one peer share one direct buffer, so the receiver's checksum reads them all
        // through one cached view (a view per link would be created afresh each time it switches).
        final int linkLength = linkCapacity + RingBufferDescriptor.TRAILER_LENGTH;
        for (int to = 0; to < peers; to++)
        {
            final ByteBuffer inbound = ByteBuffer.allocateDirect(Math.multiplyExact(linkLength, peers - 1));
            for (int from = 0, slot = 0; from < peers; from++)
            {
                if (from != to)
                {
                    links[from][to] = new OneToOneRingBuffer(new UnsafeBuffer(inbound, linkLength * slot++, linkLength));
                }
            }
        }
    }

    public int peers()
    {
        return links.length;
    }

    /** The exchange of {@code peer}; call once per peer and drive each from a single thread. */
    public ChunkExchange exchange(final int peer)
    {
        final int peers = links.length;
        final RingBuffer[] outbound = new RingBuffer[peers];
        final RingBuffer[] inbound = new RingBuffer[peers];
        for (int other = 0; other < peers; other++)
        {
            outbound[other] = links[peer][other];
            inbound[other] = links[other][peer];
        }
        return new RingChunkExchange(peer, outbound, inbound, clock, latencyNs);
    }
}
