package io.iotaj.transport.allreduce;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frames that are malformed or misaddressed are dropped and counted; the merge is unaffected. */
class MalformedFrameTest
{
    private static final int N = 4;

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
            final DirectBuffer[] bad = {
                frame(0x12345678, 1, ChunkFrame.STAGE_SCATTER, 2, owned, start, 4, 4),   // wrong magic
                frame(ChunkFrame.MAGIC, 1, ChunkFrame.STAGE_SCATTER, 2, owned, start, 4, 3), // length mismatch
                frame(ChunkFrame.MAGIC, 1, ChunkFrame.STAGE_SCATTER, 0, owned, start, 4, 4), // from itself
                frame(ChunkFrame.MAGIC, 1, ChunkFrame.STAGE_SCATTER, 9, owned, start, 4, 4), // unknown sender
                frame(ChunkFrame.MAGIC, 1, ChunkFrame.STAGE_SCATTER, 2, 99, start, 4, 4),    // unknown chunk
                frame(ChunkFrame.MAGIC, 1, ChunkFrame.STAGE_SCATTER, 2, owned, start + 148, 4, 4), // past the chunk
                frame(ChunkFrame.MAGIC, 1, ChunkFrame.STAGE_SCATTER, 2, notOwned, partition.offset(notOwned), 4, 4), // not an owner
                frame(ChunkFrame.MAGIC, 1, ChunkFrame.STAGE_PUBLISH, 3, owned, start, 4, 4), // publisher not an owner
                frame(ChunkFrame.MAGIC, 1, (short)42, 2, owned, start, 4, 4),                // unknown stage
                new UnsafeBuffer(new byte[7]),                                                // shorter than a header
            };
            faulty[victim].inject(bad);
            final float[][] locals = Vectors.locals(random, N, partition.elements());
            final long[] weights = Vectors.weights(random, N);
            cluster.merge(locals, weights);

            final MergeReport report = cluster.peer(victim).report();
            assertEquals(bad.length, report.badFrames(), report.toString());
            assertTrue(report.isClean());
            final double[] expected = Vectors.mean(locals, weights, Vectors.everyone(N));
            for (int p = 0; p < N; p++)
            {
                Vectors.assertClose(expected, cluster.peer(p).result(), 1e-6, "peer " + p);
                assertArrayEquals(cluster.peer(0).result(), cluster.peer(p).result());
            }
        }
    }

    /** A frame of {@code payload} floats whose header claims {@code count}, for merge round 1. */
    private static DirectBuffer frame(
        final int magic, final int round, final short stage, final int sender, final int chunk,
        final int elementOffset, final int count, final int payload)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[ChunkFrame.frameLength(payload)]);
        new ChunkFrame().wrap(buffer, 0).encodeHeader(round, stage, sender, chunk, elementOffset, count, 1, 0);
        buffer.putInt(0, magic, java.nio.ByteOrder.LITTLE_ENDIAN);
        return buffer;
    }
}
