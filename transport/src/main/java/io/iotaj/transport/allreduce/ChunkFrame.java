package io.iotaj.transport.allreduce;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Flyweight over one all-reduce chunk frame: a fixed 40-byte little-endian header followed by
 * {@code elementCount} float32 values, little-endian.
 * <pre>
 *   0  int32 magic          'IAR1', identifies this interim framing and its version
 *   4  int32 mergeRound     merges are numbered; frames of another merge are stale or early
 *   8  int16 stage          see the STAGE_ constants
 *  10  int16 sender         peer index of the sender
 *  12  int32 chunk          chunk index in the sender's schedule
 *  16  int32 elementOffset  first element of the payload, as an index into the whole vector
 *  20  int32 elementCount   float32 values that follow the header
 *  24  int64 weight         sender's backward passes (scatter) or the reduction's total weight
 *  32  int64 contributors   bit p set when peer p's values are inside a reduction (N &lt;= 64)
 *  40  float32[elementCount]
 * </pre>
 * This is a stop-gap until the SBE {@code ParamChunk} message lands in codecs; the fields map one
 * to one so the switch is mechanical.
 */
public final class ChunkFrame
{
    public static final int MAGIC = 0x31524149; // "IAR1" read little-endian
    public static final int HEADER_LENGTH = 40;
    public static final int MAX_PEERS = 64;

    /** A non-owner's local values of a chunk, sent to both owners. */
    public static final short STAGE_SCATTER = 1;
    /** An owner's reduced chunk, sent to every other peer. */
    public static final short STAGE_PUBLISH = 2;
    /** A peer's local values of a flagged chunk, sent to that chunk's referee. */
    public static final short STAGE_ARBITRATE_INPUT = 3;
    /** The referee's recomputation of a flagged chunk, sent to every other peer. */
    public static final short STAGE_ARBITRATE_RESULT = 4;
    /** Ring baseline: a weighted partial sum on its way round the ring. */
    public static final short STAGE_RING_REDUCE = 5;
    /** Ring baseline: a finished chunk on its way round the ring. */
    public static final short STAGE_RING_GATHER = 6;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    /** On little-endian hosts the payload is the float[]'s own bytes: copy it in bulk. */
    private static final boolean BULK_COPY = ByteOrder.nativeOrder() == ORDER;
    private static final long FLOAT_ARRAY_BASE = UnsafeApi.arrayBaseOffset(float[].class);
    private static final int MAGIC_OFFSET = 0;
    private static final int ROUND_OFFSET = 4;
    private static final int STAGE_OFFSET = 8;
    private static final int SENDER_OFFSET = 10;
    private static final int CHUNK_OFFSET = 12;
    private static final int ELEMENT_OFFSET_OFFSET = 16;
    private static final int ELEMENT_COUNT_OFFSET = 20;
    private static final int WEIGHT_OFFSET = 24;
    private static final int CONTRIBUTORS_OFFSET = 32;

    private DirectBuffer buffer;
    private MutableDirectBuffer mutableBuffer;
    private int offset;

    /** Frame length in bytes for a payload of {@code elementCount} floats. */
    public static int frameLength(final int elementCount)
    {
        return HEADER_LENGTH + (elementCount << 2);
    }

    public ChunkFrame wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.mutableBuffer = null;
        this.offset = offset;
        return this;
    }

    public ChunkFrame wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.mutableBuffer = buffer;
        this.offset = offset;
        return this;
    }

    /** Writes a whole header; the payload is written with {@link #putPayload}. */
    public ChunkFrame encodeHeader(
        final int mergeRound,
        final short stage,
        final int sender,
        final int chunk,
        final int elementOffset,
        final int elementCount,
        final long weight,
        final long contributors)
    {
        final MutableDirectBuffer b = mutableBuffer;
        b.putInt(offset + MAGIC_OFFSET, MAGIC, ORDER);
        b.putInt(offset + ROUND_OFFSET, mergeRound, ORDER);
        b.putShort(offset + STAGE_OFFSET, stage, ORDER);
        b.putShort(offset + SENDER_OFFSET, (short)sender, ORDER);
        b.putInt(offset + CHUNK_OFFSET, chunk, ORDER);
        b.putInt(offset + ELEMENT_OFFSET_OFFSET, elementOffset, ORDER);
        b.putInt(offset + ELEMENT_COUNT_OFFSET, elementCount, ORDER);
        b.putLong(offset + WEIGHT_OFFSET, weight, ORDER);
        b.putLong(offset + CONTRIBUTORS_OFFSET, contributors, ORDER);
        return this;
    }

    /** Copies {@code count} floats from {@code src[srcIndex..]} into the payload. */
    public void putPayload(final float[] src, final int srcIndex, final int count)
    {
        final MutableDirectBuffer b = mutableBuffer;
        int index = offset + HEADER_LENGTH;
        if (BULK_COPY)
        {
            Objects.checkFromIndexSize(srcIndex, count, src.length);
            b.boundsCheck(index, count << 2);
            UnsafeApi.copyMemory(
                src, FLOAT_ARRAY_BASE + ((long)srcIndex << 2), b.byteArray(), b.addressOffset() + index, (long)count << 2);
            return;
        }
        for (int i = 0; i < count; i++, index += 4)
        {
            b.putFloat(index, src[srcIndex + i], ORDER);
        }
    }

    /** Copies the payload into {@code dst[dstIndex..]}. */
    public void getPayload(final float[] dst, final int dstIndex)
    {
        final DirectBuffer b = buffer;
        final int count = elementCount();
        int index = offset + HEADER_LENGTH;
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

    /** Adds the payload element-wise into {@code dst[dstIndex..]} (ring reduce-scatter). */
    public void addPayload(final float[] dst, final int dstIndex)
    {
        final DirectBuffer b = buffer;
        final int count = elementCount();
        int index = offset + HEADER_LENGTH;
        for (int i = 0; i < count; i++, index += 4)
        {
            dst[dstIndex + i] += b.getFloat(index, ORDER);
        }
    }

    public int magic()
    {
        return buffer.getInt(offset + MAGIC_OFFSET, ORDER);
    }

    public int mergeRound()
    {
        return buffer.getInt(offset + ROUND_OFFSET, ORDER);
    }

    public short stage()
    {
        return buffer.getShort(offset + STAGE_OFFSET, ORDER);
    }

    public int sender()
    {
        return buffer.getShort(offset + SENDER_OFFSET, ORDER);
    }

    public int chunk()
    {
        return buffer.getInt(offset + CHUNK_OFFSET, ORDER);
    }

    public int elementOffset()
    {
        return buffer.getInt(offset + ELEMENT_OFFSET_OFFSET, ORDER);
    }

    public int elementCount()
    {
        return buffer.getInt(offset + ELEMENT_COUNT_OFFSET, ORDER);
    }

    public long weight()
    {
        return buffer.getLong(offset + WEIGHT_OFFSET, ORDER);
    }

    public long contributors()
    {
        return buffer.getLong(offset + CONTRIBUTORS_OFFSET, ORDER);
    }

    /**
     * Checks what a receiver must check before trusting a frame of {@code length} bytes: magic,
     * a sender among {@code peers} other than {@code self}, a known chunk and a payload length that
     * matches the element count.
     */
    public boolean isWellFormed(final int length, final int peers, final int self, final int chunks)
    {
        if (length < HEADER_LENGTH || magic() != MAGIC)
        {
            return false;
        }
        final int sender = sender();
        final int chunk = chunk();
        final int count = elementCount();
        return sender >= 0 && sender < peers && sender != self &&
            chunk >= 0 && chunk < chunks &&
            count >= 0 && elementOffset() >= 0 &&
            length == HEADER_LENGTH + ((long)count << 2);
    }
}
