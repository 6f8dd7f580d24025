package io.iotaj.he.flow;

import io.iotaj.he.HeConfiguration;
import io.iotaj.he.HeTestSupport;
import io.iotaj.transport.Channels;
import io.iotaj.transport.MediaDriverHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AeronChannelTest
{
    private static final int CHUNK = 1000;
    private static MediaDriverHost host;

    @BeforeAll
    static void launch()
    {
        host = HeTestSupport.mediaDriver();
    }

    @AfterAll
    static void close()
    {
        host.close();
    }

    @Test
    void messagesOfAnyLengthArriveWholeAndInOrderOneFramePerChunk()
    {
        try (AeronChannel a = end(50, 51, 7, 5_000); AeronChannel b = end(51, 50, 7, 5_000))
        {
            final SplittableRandom random = new SplittableRandom(3);
            final int[] lengths = {1, CHUNK, CHUNK + 1, 5 * CHUNK + 17, 200_000, 0};
            final byte[][] sent = new byte[lengths.length][];
            long frames = 0;
            for (int i = 0; i < lengths.length; i++)
            {
                sent[i] = new byte[lengths[i]];
                for (int j = 0; j < sent[i].length; j++)
                {
                    sent[i][j] = (byte)random.nextInt();
                }
                a.send(sent[i]);
                frames += Math.max(1, (lengths[i] + CHUNK - 1) / CHUNK);
            }
            for (final byte[] message : sent)
            {
                assertArrayEquals(message, b.receive());
            }
            assertEquals(frames, a.framesSent());
            assertEquals(lengths.length, a.messagesSent());
            assertTrue(a.wireBytesSent() > a.bytesSent(), "frames carry headers");
            b.send(new byte[]{42});
            assertArrayEquals(new byte[]{42}, a.receive());
            assertEquals(0, b.droppedFrames() + b.rejectedFrames());
        }
    }

    @Test
    void framesForAnotherParameterSetAreDroppedAndCounted()
    {
        try (AeronChannel a = end(52, 53, 7, 5_000); AeronChannel b = end(53, 52, 8, 300))
        {
            a.send(new byte[2 * CHUNK + 5]);
            final IllegalStateException timeout = assertThrows(IllegalStateException.class, b::receive);
            assertTrue(timeout.getMessage().contains("no message from the peer"), timeout.getMessage());
            assertEquals(3, b.droppedFrames());
        }
    }

    @Test
    void aPeerThatClosesIsAnErrorNotAHang()
    {
        try (AeronChannel b = end(55, 54, 7, 10_000))
        {
            final AeronChannel a = end(54, 55, 7, 10_000);
            a.send(new byte[]{1, 2, 3});
            assertArrayEquals(new byte[]{1, 2, 3}, b.receive());
            a.close();
            final IllegalStateException closed = assertThrows(IllegalStateException.class, b::receive);
            assertTrue(closed.getMessage().contains("peer closed"), closed.getMessage());
        }
    }

    @Test
    void refusesChunksThatDoNotFitOneAeronMessage()
    {
        assertThrows(IllegalArgumentException.class, () -> new AeronChannel(host.aeron(), Channels.ipc(), 56,
            Channels.ipc(), 57, 7, 64 << 20, 1_000, 1_000));
        assertThrows(IllegalArgumentException.class, () -> AeronChannel.udp("localhost"));
        assertEquals(HeConfiguration.DATA_TO_MODEL_STREAM + 1, HeConfiguration.MODEL_TO_DATA_STREAM);
    }

    private static AeronChannel end(final int sendStream, final int receiveStream, final int parameterSetId,
        final long receiveTimeoutMs)
    {
        return new AeronChannel(host.aeron(), Channels.ipc(), sendStream, Channels.ipc(), receiveStream,
            parameterSetId, CHUNK, 5_000, receiveTimeoutMs);
    }
}
