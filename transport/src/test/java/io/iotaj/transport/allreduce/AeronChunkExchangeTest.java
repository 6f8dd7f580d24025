package io.iotaj.transport.allreduce;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The butterfly and the ring over real Aeron links (IPC and UDP on localhost) through an embedded media driver. */
class AeronChunkExchangeTest
{
    private static final int N = 5;

    @TempDir
    Path aeronDir;

    private MediaDriver driver;
    private Aeron aeron;

    @BeforeEach
    void launch()
    {
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(aeronDir.resolve("driver").toString())
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .ipcTermBufferLength(256 * 1024)
            .publicationTermBufferLength(256 * 1024));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
    }

    @AfterEach
    void close()
    {
        CloseHelper.closeAll(aeron, driver);
    }

    @Test
    void butterflyOverAeronIpcGivesTheExactMeanAndTheFormulasBytes()
    {
        mergeAndCheck(Algorithm.BUTTERFLY, peer -> "aeron:ipc", 10_000);
    }

    @Test
    void butterflyOverAeronUdpGivesTheExactMean()
    {
        // A random port range: other builds on this machine may be running the same test.
        final int basePort = 20_000 + new Random().nextInt(20_000);
        mergeAndCheck(Algorithm.BUTTERFLY, peer -> "aeron:udp?endpoint=localhost:" + (basePort + peer), 11_000);
    }

    @Test
    void ringOverAeronIpcGivesTheMean()
    {
        mergeAndCheck(Algorithm.RING, peer -> "aeron:ipc", 12_000);
    }

    @Test
    void aPeerWhoseLinksAreGoneIsCoveredAndItsFramesAreDropped()
    {
        final Random random = new Random(47);
        final AllReduceConfig config = ButterflyAllReduceTest.CONFIG.withStageDeadline(200, TimeUnit.MILLISECONDS);
        final Partition partition = Partition.uniform(N, 3001);
        final AeronChunkExchange[] exchanges = new AeronChunkExchange[N];
        for (int p = 0; p < N; p++)
        {
            exchanges[p] = new AeronChunkExchange(aeron, peer -> "aeron:ipc", 13_000, p, N);
        }
        for (final AeronChunkExchange exchange : exchanges)
        {
            exchange.awaitConnected(SystemNanoClock.INSTANCE, TimeUnit.SECONDS.toNanos(10));
        }
        final int dead = 3;
        exchanges[dead].close(); // its host is gone: nothing it sends arrives, nothing sent to it is read
        try (LocalAllReduce cluster = new LocalAllReduce(Algorithm.BUTTERFLY, partition, config, exchanges, 2))
        {
            final float[][] locals = Vectors.locals(random, N, partition.elements());
            final long[] weights = Vectors.weights(random, N);
            cluster.merge(locals, weights);
            final double[] expected = Vectors.mean(locals, weights, Vectors.everyone(N) & ~(1L << dead));
            for (int p = 0; p < N; p++)
            {
                if (p == dead)
                {
                    continue;
                }
                Vectors.assertClose(expected, cluster.peer(p).result(), 1e-6, "peer " + p);
                assertArrayEquals(cluster.peer(0).result(), cluster.peer(p).result());
                for (final MergeReport.Event event : cluster.peer(p).report().events())
                {
                    assertEquals(new MergeReport.Event(MergeReport.Kind.SILENT, event.chunk(), dead), event);
                }
                assertEquals(N - 1, cluster.peer(p).report().events().size(), "the dead peer's N-1 chunks, partner copies used");
            }
            assertTrue(exchanges[dead].framesDropped() > 0, "the dead peer's own sends went nowhere");
        }
    }

    private void mergeAndCheck(final Algorithm algorithm, final java.util.function.IntFunction<String> channelOf, final int streamBase)
    {
        final Random random = new Random(43);
        final AllReduceConfig config = ButterflyAllReduceTest.CONFIG;
        final Partition partition = Partition.uniform(N, 20_011);
        final AeronChunkExchange[] exchanges = new AeronChunkExchange[N];
        for (int p = 0; p < N; p++)
        {
            exchanges[p] = new AeronChunkExchange(aeron, channelOf, streamBase, p, N);
        }
        for (final AeronChunkExchange exchange : exchanges)
        {
            exchange.awaitConnected(SystemNanoClock.INSTANCE, TimeUnit.SECONDS.toNanos(10));
        }
        try (LocalAllReduce cluster = new LocalAllReduce(algorithm, partition, config, exchanges, 2))
        {
            for (int merge = 0; merge < 2; merge++)
            {
                final float[][] locals = Vectors.locals(random, N, partition.elements());
                final long[] weights = Vectors.weights(random, N);
                final long[] sentBefore = new long[N];
                for (int p = 0; p < N; p++)
                {
                    sentBefore[p] = exchanges[p].bytesSent();
                }
                cluster.merge(locals, weights);
                final double[] expected = Vectors.mean(locals, weights, Vectors.everyone(N));
                for (int p = 0; p < N; p++)
                {
                    final MergePeer peer = cluster.peer(p);
                    if (algorithm == Algorithm.BUTTERFLY)
                    {
                        Vectors.assertClose(expected, peer.result(), 1e-6, "peer " + p);
                    }
                    else
                    {
                        assertTrue(Vectors.relativeError(expected, peer.result()) < 1e-5, "peer " + p);
                    }
                    assertArrayEquals(cluster.peer(0).result(), peer.result());
                    assertTrue(peer.report().isClean(), peer.report().toString());
                    assertEquals(0, exchanges[p].framesDropped());
                    final long exact = algorithm == Algorithm.BUTTERFLY ?
                        TrafficFormula.butterflyBytes(partition, p, config.frameElements()) :
                        TrafficFormula.ringBytes(N, partition.elements(), p, config.frameElements());
                    assertEquals(exact, exchanges[p].bytesSent() - sentBefore[p], "bytes sent by " + p);
                }
            }
        }
    }
}
