package io.iotaj.transport.allreduce;

import io.iotaj.codecs.Crc32cChecksum;
import io.iotaj.codecs.sbe.ChunkKind;
import io.iotaj.codecs.sbe.Dtype;
import io.iotaj.codecs.sbe.MessageHeaderEncoder;
import io.iotaj.codecs.sbe.ParamChunkEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The copies are checked frame by frame and written straight into the result: A's copy wins, B's is
 * kept apart only once the bits differ, and a B-only chunk still ends up as B's copy exactly.
 */
class PublishedCopiesTest
{
    private static final int PEERS = 4;
    private static final int SELF = 3;
    private static final int CHUNK = Partition.chunkOf(PEERS, 0, 1); // owners 0 (A) and 1 (B); SELF owns neither
    private static final int FRAME = 8;

    private final Partition partition = Partition.uniform(PEERS, 6 * 20);
    private final float[] result = new float[partition.elements()];
    private final PublishedCopies copies = new PublishedCopies(partition, SELF, 1e-6, result);
    private final ChunkReader reader = new ChunkReader();
    private final int offset = partition.offset(CHUNK);
    private final int length = partition.length(CHUNK);
    private final float[] values = new float[length];

    PublishedCopiesTest()
    {
        for (int j = 0; j < length; j++)
        {
            values[j] = 1.5f * j - 7.25f;
        }
        copies.rewind();
    }

    @Test
    void identicalCopiesInEitherOrderLeaveAsCopyInTheResult()
    {
        send(true, values, 0, FRAME);
        send(false, values, 0, FRAME);
        send(false, values, FRAME, length);
        send(true, values, FRAME, length);
        assertTrue(copies.isCompleteA(CHUNK) && copies.isCompleteB(CHUNK));
        assertFalse(copies.disagree(CHUNK));
        assertArrayEquals(values, Arrays.copyOfRange(result, offset, offset + length));
    }

    @Test
    void bitsWithinToleranceAgreeAndAsBitsWin()
    {
        final float[] b = values.clone();
        b[3] = Math.nextUp(b[3]);
        b[15] = Math.nextDown(b[15]);
        send(false, b, 0, length);
        send(true, values, 0, length);
        assertFalse(copies.disagree(CHUNK));
        assertArrayEquals(values, Arrays.copyOfRange(result, offset, offset + length), "A's copy is the result");
    }

    @Test
    void whenOnlyBCompletesTheResultIsBsCopyBitForBit()
    {
        final float[] b = values.clone();
        b[2] = Math.nextUp(b[2]);
        b[12] = Math.nextUp(b[12]);
        send(true, values, 0, FRAME); // A leads, then stops
        send(false, b, 0, length);
        assertFalse(copies.isCompleteA(CHUNK));
        assertTrue(copies.isCompleteB(CHUNK));
        copies.keepB(CHUNK);
        assertArrayEquals(b, Arrays.copyOfRange(result, offset, offset + length));
    }

    @Test
    void valuesBeyondToleranceOrOtherContributorsDisagree()
    {
        final float[] b = values.clone();
        b[length - 1] += 1;
        send(true, values, 0, length);
        send(false, b, 0, length);
        assertTrue(copies.disagree(CHUNK));

        copies.rewind();
        send(true, values, 0, length, 0b1111, 10);
        send(false, values, 0, length, 0b0111, 10);
        assertTrue(copies.disagree(CHUNK), "same values over other contributors");
    }

    @Test
    void framesOutOfOrderOrChangingTheirDeclarationAreRefused()
    {
        assertFalse(store(true, values, FRAME, length, 0b1111, 10), "does not start at 0");
        assertTrue(store(true, values, 0, FRAME, 0b1111, 10));
        assertFalse(store(true, values, FRAME, length, 0b1111, 11), "another weight mid-copy");
        assertFalse(store(true, values, 0, FRAME, 0b1111, 10), "the same frame again");
        assertTrue(store(true, values, FRAME, length, 0b1111, 10));
    }

    private void send(final boolean fromA, final float[] source, final int from, final int to)
    {
        send(fromA, source, from, to, 0b1111, 10);
    }

    private void send(final boolean fromA, final float[] source, final int from, final int to, final long contributors, final long weight)
    {
        for (int start = from; start < to; start += FRAME)
        {
            assertTrue(store(fromA, source, start, Math.min(to, start + FRAME), contributors, weight));
        }
    }

    private boolean store(final boolean fromA, final float[] source, final int from, final int to, final long contributors, final long weight)
    {
        final int count = to - from;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[ChunkFraming.frameLength(count)]);
        for (int i = 0; i < count; i++)
        {
            buffer.putFloat(ChunkFraming.HEADER_LENGTH + 4 * i, source[from + i], ByteOrder.LITTLE_ENDIAN);
        }
        final ParamChunkEncoder encoder = new ParamChunkEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .runId(0).stage(0).dtype(Dtype.F32).mergeRound(1).chunkIndex(CHUNK).elementOffset(offset + from)
            .elementCount(count).sender(fromA ? 0 : 1).step(ButterflySchedule.STEP_PUBLISH).kind(ChunkKind.REDUCED)
            .weight(weight).contributors(contributors);
        buffer.putInt(ChunkFraming.HEADER_LENGTH - 4, 4 * count, ByteOrder.LITTLE_ENDIAN);
        encoder.payloadCrc32c(new Crc32cChecksum().compute(buffer, ChunkFraming.HEADER_LENGTH, 4 * count));
        assertTrue(reader.read(buffer, 0, buffer.capacity()), "a valid frame");
        return copies.store(reader, CHUNK, fromA);
    }
}
