package io.iotaj.transport.allreduce;

/**
 * Bytes each peer moves in one clean merge, frame headers included, in exact and closed form.
 * <p>
 * A chunk of {@code l} elements travels as {@code ceil(l/F)} frames of at most F elements, so it
 * costs {@code 4l + H ceil(l/F)} bytes with H = {@link ChunkFraming#HEADER_LENGTH} = 73, the
 * {@code ParamChunk} frame's message header, block and payload length.
 * <p>
 * Butterfly, peer i: 2 sends of every chunk it does not own (to both owners), N sends of every chunk
 * it owns (1 to the partner, N-1 publications); it receives as many bytes as it sends. With C(N,2)
 * equal chunks of {@code l = L/C(N,2)} elements, over the vector's size 4L:
 * <pre>
 *   sent / size = received / size = (4(N-1)/N) (1 + H ceil(l/F) / (4l))  -&gt;  4 as N grows
 * </pre>
 * Ring, N chunks of {@code l = L/N}: {@code (2(N-1)/N) (1 + H ceil(l/F) / (4l))}, tending to 2, in
 * 2(N-1) dependent steps against the butterfly's two.
 */
public final class TrafficFormula
{
    private TrafficFormula()
    {
    }

    /** Bytes of one chunk of {@code length} elements cut into frames of at most {@code frameElements}. */
    public static long chunkBytes(final int length, final int frameElements)
    {
        final long frames = (length + (long)frameElements - 1) / frameElements;
        return 4L * length + (long)ChunkFraming.HEADER_LENGTH * frames;
    }

    /** Exact bytes {@code peer} sends (and receives) in a clean butterfly merge over {@code partition}. */
    public static long butterflyBytes(final Partition partition, final int peer, final int frameElements)
    {
        long bytes = 0;
        for (int c = 0; c < partition.chunks(); c++)
        {
            final long copies = partition.isOwner(peer, c) ? partition.peers() : 2;
            bytes += copies * chunkBytes(partition.length(c), frameElements);
        }
        return bytes;
    }

    /** Exact bytes {@code peer} sends in a clean ring merge; it receives what its left neighbour sends. */
    public static long ringBytes(final int peers, final int elements, final int peer, final int frameElements)
    {
        long bytes = 0;
        for (int c = 0; c < peers; c++)
        {
            // Every chunk is sent twice per peer except one in each phase: the peer's own finished
            // chunk is never sent in reduce-scatter, and chunk (peer + 2) mod N never in all-gather.
            final int sends = 2 - (c == (peer + 1) % peers ? 1 : 0) - (c == (peer + 2) % peers ? 1 : 0);
            final int length = RingSchedule.offset(elements, peers, c + 1) - RingSchedule.offset(elements, peers, c);
            bytes += sends * chunkBytes(length, frameElements);
        }
        return bytes;
    }

    /** Closed form of the butterfly's bytes per peer over the vector's size, equal chunks assumed. */
    public static double butterflyOverSize(final int peers, final long elements, final int frameElements)
    {
        return overSize(4.0 * (peers - 1) / peers, (double)elements / Partition.chunkCount(peers), frameElements);
    }

    /** Closed form of the ring's bytes per peer over the vector's size, equal chunks assumed. */
    public static double ringOverSize(final int peers, final long elements, final int frameElements)
    {
        return overSize(2.0 * (peers - 1) / peers, (double)elements / peers, frameElements);
    }

    private static double overSize(final double payloadRatio, final double chunkLength, final int frameElements)
    {
        if (chunkLength <= 0)
        {
            return 0;
        }
        final double frames = Math.ceil(chunkLength / frameElements);
        return payloadRatio * (1 + ChunkFraming.HEADER_LENGTH * frames / (4 * chunkLength));
    }
}
