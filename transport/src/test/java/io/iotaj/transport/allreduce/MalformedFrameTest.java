package io.iotaj.transport.allreduce;

import io.iotaj.codecs.Crc32cChecksum;
import io.iotaj.codecs.RejectReason;
import io.iotaj.codecs.sbe.ChunkKind;
import io.iotaj.codecs.sbe.Dtype;
import io.iotaj.codecs.sbe.MessageHeaderEncoder;
import io.iotaj.codecs.sbe.ParamChunkEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frames that are malformed, corrupt or misaddressed are dropped and counted; the merge is unaffected. */
class MalformedFrameTest
{
    private static final int N = 4;
    private static final int SCHEMA_ID_OFFSET = 4;

    @Test
    void badFramesAreCountedAndIgnored()
    {
        final Random random = new Random(41);
        final Partition partition = Partition.uniform(N, 600);
        final FaultyExchange[] faulty = new FaultyExchange[N];
        try (LocalAllReduce cluster = new LocalAllReduce(Algorithm.BUTTERFLY, partition, ButterflyAllReduceTest.CONFIG, exchange ->
        {
            final FaultyExchange wrapped = new FaultyExchange(exchange);
            faulty[exchange.peer()] = wrapped;
            return wrapped;
        }, 2))
        {
            final int victim = 0;
            final int owned = Partition.chunkOf(N, 0, 1);
            final int notOwned = Partition.chunkOf(N, 2, 3);
            final int start = partition.offset(owned);
            final short scatter = ButterflySchedule.STEP_SCATTER;
            final ChunkKind mine = ChunkKind.CONTRIBUTION;
            final DirectBuffer[] bad = {
                // refused by the codec
                frame(scatter, mine, 2, owned, start, 4, 4, b -> b.putShort(SCHEMA_ID_OFFSET, (short)1, ByteOrder.LITTLE_ENDIAN)),
                frame(scatter, mine, 2, owned, start, 4, 3, b -> { }),                      // count says 4, payload has 3
                frame(scatter, mine, 2, owned, start, 4, 4, b -> b.putByte(ChunkFraming.HEADER_LENGTH + 5, (byte)1)), // CRC
                frame(scatter, mine, 2, owned, start, 4, 4, b -> b.putFloat(ChunkFraming.HEADER_LENGTH, Float.NaN), true),
                new UnsafeBuffer(new byte[7]),                                             // shorter than a header
                // refused by the merge's rules
                frame(scatter, mine, 0, owned, start, 4, 4, b -> { }),                      // from itself
                frame(scatter, mine, 9, owned, start, 4, 4, b -> { }),                      // unknown sender
                frame(scatter, mine, 2, 99, start, 4, 4, b -> { }),                         // unknown chunk
                frame(scatter, mine, 2, owned, start + 148, 4, 4, b -> { }),                // past the chunk
                frame(scatter, mine, 2, owned, start + 4, 4, 4, b -> { }),                  // not where the sender's last frame ended
                frame(scatter, mine, 2, notOwned, partition.offset(notOwned), 4, 4, b -> { }), // the victim does not own it
                frame(scatter, ChunkKind.REDUCED, 2, owned, start, 4, 4, b -> { }),         // a scatter must be a contribution
                frame(ButterflySchedule.STEP_PUBLISH, ChunkKind.REDUCED, 3, owned, start, 4, 4, b -> { }), // publisher not an owner
                frame((short)42, mine, 2, owned, start, 4, 4, b -> { }),                    // unknown step
                frame(scatter, mine, 2, owned, start, 4, 4, b -> b.putLong(
                    MessageHeaderEncoder.ENCODED_LENGTH + ParamChunkEncoder.contributorsEncodingOffset(), 0b1100, ByteOrder.LITTLE_ENDIAN)),
                frame(scatter, mine, 2, owned, start, 4, 4, b -> b.putLong(
                    MessageHeaderEncoder.ENCODED_LENGTH + ParamChunkEncoder.runIdEncodingOffset(), 77, ByteOrder.LITTLE_ENDIAN)),
            };
            faulty[victim].inject(bad);
            final float[][] locals = Vectors.locals(random, N, partition.elements());
            final long[] weights = Vectors.weights(random, N);
            cluster.merge(locals, weights);

            final MergeReport report = cluster.peer(victim).report();
            assertEquals(bad.length, report.badFrames(), report.toString());
            assertEquals(5, report.rejects().total(), report.toString());
            for (final RejectReason reason : new RejectReason[]{
                RejectReason.WRONG_SCHEMA, RejectReason.BAD_SHAPE, RejectReason.BAD_CRC, RejectReason.NON_FINITE, RejectReason.TRUNCATED })
            {
                assertEquals(1, report.rejects().get(reason), reason + ": " + report);
            }
            assertTrue(report.isClean());
            final double[] expected = Vectors.mean(locals, weights, Vectors.everyone(N));
            for (int p = 0; p < N; p++)
            {
                Vectors.assertClose(expected, cluster.peer(p).result(), 1e-6, "peer " + p);
                assertArrayEquals(cluster.peer(0).result(), cluster.peer(p).result());
            }
        }
    }

    private static DirectBuffer frame(
        final short step, final ChunkKind kind, final int sender, final int chunk, final int elementOffset,
        final int count, final int payload, final Consumer<UnsafeBuffer> damage)
    {
        return frame(step, kind, sender, chunk, elementOffset, count, payload, damage, false);
    }

    /**
     * A frame of merge round 1 with {@code payload} floats whose header claims {@code count}, damaged
     * after encoding; with {@code recrc} the CRC32C is taken again after the damage.
     */
    private static DirectBuffer frame(
        final short step, final ChunkKind kind, final int sender, final int chunk, final int elementOffset,
        final int count, final int payload, final Consumer<UnsafeBuffer> damage, final boolean recrc)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[ChunkFraming.frameLength(payload)]);
        for (int i = 0; i < payload; i++)
        {
            buffer.putFloat(ChunkFraming.HEADER_LENGTH + 4 * i, i + 0.5f, ByteOrder.LITTLE_ENDIAN);
        }
        final Crc32cChecksum crc = new Crc32cChecksum();
        final ParamChunkEncoder encoder = new ParamChunkEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .runId(0).stage(0).dtype(Dtype.F32).mergeRound(1).chunkIndex(chunk).elementOffset(elementOffset)
            .elementCount(count).sender(sender).step(step).kind(kind).weight(1).contributors(1L << (sender & 63));
        buffer.putInt(ChunkFraming.HEADER_LENGTH - 4, 4 * payload, ByteOrder.LITTLE_ENDIAN);
        encoder.payloadCrc32c(crc.compute(buffer, ChunkFraming.HEADER_LENGTH, 4 * payload));
        damage.accept(buffer);
        if (recrc)
        {
            encoder.payloadCrc32c(crc.compute(buffer, ChunkFraming.HEADER_LENGTH, 4 * payload));
        }
        return buffer;
    }
}
