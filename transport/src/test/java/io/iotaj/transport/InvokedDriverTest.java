package io.iotaj.transport;

import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A driver with no thread of its own moves frames only when its caller runs the duty cycle. */
class InvokedDriverTest
{
    private static final int STREAM = 21;

    @Test
    void carriesFramesOverIpcAndUdpOnlyWhenInvoked()
    {
        final String dir = CommonContext.getAeronDirectoryName() + "-iotaj-invoked-" + UUID.randomUUID();
        try (MediaDriverHost host = MediaDriverHost.invoked(dir))
        {
            roundTrip(host, Channels.ipc());
            roundTrip(host, Channels.udp("127.0.0.1", TestDrivers.freeUdpPort()));
        }
        assertFalse(new File(dir).exists(), "driver directory deleted on close");
    }

    @Test
    void aThreadedDriverHasNothingToInvoke()
    {
        try (MediaDriverHost host = TestDrivers.embedded())
        {
            assertEquals(0, host.invokeDriver());
        }
    }

    private static void roundTrip(final MediaDriverHost host, final String channel)
    {
        try (Subscription in = host.aeron().addSubscription(channel, STREAM);
            ExclusivePublication out = host.aeron().addExclusivePublication(channel, STREAM))
        {
            awaitInvoking(host, out::isConnected);
            // Two MTUs and a bit: the frame is fragmented and must be reassembled whole.
            final byte[] sent = new byte[2 * TransportConfiguration.mtu() + 123];
            for (int i = 0; i < sent.length; i++)
            {
                sent[i] = (byte)(i * 31 + 7);
            }
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(sent.length));
            buffer.putBytes(0, sent);
            awaitInvoking(host, () -> out.offer(buffer, 0, sent.length) > 0);

            final byte[][] received = new byte[1][];
            final FragmentAssembler assembler = new FragmentAssembler((b, offset, length, header) ->
            {
                received[0] = new byte[length];
                b.getBytes(offset, received[0]);
            });
            if (channel.startsWith("aeron:udp"))
            {
                for (int i = 0; i < 100; i++)
                {
                    in.poll(assembler, 16);
                }
                assertNull(received[0], "a UDP frame arrived although nobody ran the driver");
            }
            awaitInvoking(host, () -> in.poll(assembler, 16) >= 0 && received[0] != null);
            assertArrayEquals(sent, received[0], channel);
        }
    }

    private static void awaitInvoking(final MediaDriverHost host, final BooleanSupplier done)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out");
            if (host.invokeDriver() == 0)
            {
                Thread.yield();
            }
        }
    }
}
