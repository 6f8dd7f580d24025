package io.iotaj.transport.allreduce;

import io.iotaj.codecs.sbe.MessageHeaderEncoder;
import io.iotaj.codecs.sbe.ParamChunkEncoder;

/**
 * Sizes of the all-reduce's frames. Chunks travel as SBE {@code ParamChunk} messages (schema 4207):
 * the 8-byte message header, the message's fixed block (run, stage, dtype, merge round, chunk,
 * element offset and count, sender, payload CRC32C, step, kind, weight, contributors), the 4-byte
 * payload length, then the float32 elements, little-endian.
 * <p>
 * The sender field holds the sender's index in the merge group, and the contributors field one bit
 * per index, so a group has at most {@link #MAX_PEERS} peers.
 */
public final class ChunkFraming
{
    /** Bytes in front of the payload: message header, block and payload length (73). */
    public static final int HEADER_LENGTH =
        MessageHeaderEncoder.ENCODED_LENGTH + ParamChunkEncoder.BLOCK_LENGTH + ParamChunkEncoder.payloadHeaderLength();
    /** Largest merge group: one contributor bit per peer in a uint64. */
    public static final int MAX_PEERS = 64;

    private ChunkFraming()
    {
    }

    /** Frame length in bytes for a payload of {@code elementCount} floats. */
    public static int frameLength(final int elementCount)
    {
        return HEADER_LENGTH + (elementCount << 2);
    }
}
