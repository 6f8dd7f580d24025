package io.iotaj.transport.allreduce;

import io.iotaj.codecs.FrameValidator;
import io.iotaj.codecs.RejectCounts;
import io.iotaj.codecs.RejectReason;
import io.iotaj.codecs.sbe.ChunkKind;
import io.iotaj.codecs.sbe.Dtype;
import io.iotaj.codecs.sbe.MessageHeaderDecoder;
import io.iotaj.codecs.sbe.ParamChunkDecoder;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Reads the all-reduce's {@code ParamChunk} frames in place. {@link #read} runs the codecs'
 * {@link FrameValidator} over the whole frame (header, block length, payload length against the
 * element count, CRC32C of the payload, no NaN or infinity), counts a refused frame by reason, and
 * leaves the decoder wrapped over an accepted one; the payload is then copied, added or compared
 * straight from the link's buffer. The merge's own rules (peer, chunk and range bounds) are the
 * agent's. One per agent, no allocation.
 */
final class ChunkReader
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    /** On little-endian hosts the payload is a float[]'s own bytes: copy it in bulk. */
    private static final boolean BULK_COPY = ByteOrder.nativeOrder() == ORDER;
    private static final long FLOAT_ARRAY_BASE = UnsafeApi.arrayBaseOffset(float[].class);
    private static final short CONTRIBUTION = ChunkKind.CONTRIBUTION.value();
    private static final short PARTIAL_SUM = ChunkKind.PARTIAL_SUM.value();
    private static final short REDUCED = ChunkKind.REDUCED.value();

    private final FrameValidator validator = new FrameValidator(false);
    private final ParamChunkDecoder decoder = new ParamChunkDecoder();
    private final RejectCounts rejects = new RejectCounts();
    private DirectBuffer buffer;
    private int payloadOffset;

    /**
     * Validates {@code length} bytes at {@code offset} as a float32 {@code ParamChunk} frame and, when it
     * is one, wraps the decoder over it.
     *
     * @return false, counted in {@link #rejects()}, when the frame is refused.
     */
    boolean read(final DirectBuffer buffer, final int offset, final int length)
    {
        RejectReason reason = validator.validate(buffer, offset, length);
        if (reason == RejectReason.NONE && validator.templateId() != ParamChunkDecoder.TEMPLATE_ID)
        {
            reason = RejectReason.UNKNOWN_TEMPLATE; // a valid frame of another kind has no business on a merge link
        }
        if (rejects.record(reason))
        {
            return false;
        }
        decoder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, ParamChunkDecoder.BLOCK_LENGTH,
            ParamChunkDecoder.SCHEMA_VERSION);
        if (decoder.dtypeRaw() != Dtype.F32.value())
        {
            rejects.record(RejectReason.BAD_ENUM);
            return false;
        }
        this.buffer = buffer;
        this.payloadOffset = validator.varOffset(0);
        return true;
    }

    /** Frames refused by the codec checks, by reason, since creation. */
    RejectCounts rejects()
    {
        return rejects;
    }

    long runId()
    {
        return decoder.runId();
    }

    int stage()
    {
        return decoder.stage();
    }

    int mergeRound()
    {
        return decoder.mergeRound();
    }

    int chunk()
    {
        return decoder.chunkIndex();
    }

    long elementOffset()
    {
        return decoder.elementOffset();
    }

    int elementCount()
    {
        return decoder.elementCount();
    }

    /** The sender's index in the merge group. */
    long sender()
    {
        return decoder.sender();
    }

    short step()
    {
        return decoder.step();
    }

    boolean isContribution()
    {
        return decoder.kindRaw() == CONTRIBUTION;
    }

    boolean isPartialSum()
    {
        return decoder.kindRaw() == PARTIAL_SUM;
    }

    boolean isReduced()
    {
        return decoder.kindRaw() == REDUCED;
    }

    long weight()
    {
        return decoder.weight();
    }

    long contributors()
    {
        return decoder.contributors();
    }

    /** Copies the payload into {@code dst[dstIndex..]}. */
    void getPayload(final float[] dst, final int dstIndex)
    {
        getPayload(0, elementCount(), dst, dstIndex);
    }

    /** Copies payload elements {@code [from, from + count)} into {@code dst[dstIndex..]}. */
    void getPayload(final int from, final int count, final float[] dst, final int dstIndex)
    {
        final DirectBuffer b = buffer;
        int index = payloadOffset + (from << 2);
        if (BULK_COPY)
        {
            Objects.checkFromIndexSize(dstIndex, count, dst.length);
            b.boundsCheck(index, count << 2);
            UnsafeApi.copyMemory(
                b.byteArray(), b.addressOffset() + index, dst, FLOAT_ARRAY_BASE + ((long)dstIndex << 2), (long)count << 2);
            return;
        }
        for (int i = 0; i < count; i++, index += 4)
        {
            dst[dstIndex + i] = b.getFloat(index, ORDER);
        }
    }

    /**
     * Compares payload elements {@code [from, from + count)} with {@code y[yIndex..]}:
     * {@link WeightedMean#IDENTICAL}, {@link WeightedMean#WITHIN_TOLERANCE} or {@link WeightedMean#DIFFERENT}.
     * The elements are copied into {@code scratch} (at least a frame's worth, in cache) and compared with
     * the vectorised {@link WeightedMean#compare}; nothing is written anywhere else.
     */
    int compare(final int from, final int count, final float[] y, final int yIndex, final double tolerance, final float[] scratch)
    {
        getPayload(from, count, scratch, 0);
        return WeightedMean.compare(scratch, 0, y, yIndex, count, tolerance);
    }

    /**
     * Adds the payload element-wise into {@code dst[dstIndex..]} (ring reduce-scatter), through
     * {@code scratch} (at least a frame's worth, in cache) so that the add is a loop over two float
     * arrays, which the JIT vectorises.
     */
    void addPayload(final float[] dst, final int dstIndex, final float[] scratch)
    {
        final int count = elementCount();
        getPayload(0, count, scratch, 0);
        Objects.checkFromIndexSize(dstIndex, count, dst.length);
        for (int i = 0; i < count; i++)
        {
            dst[dstIndex + i] += scratch[i];
        }
    }
}
