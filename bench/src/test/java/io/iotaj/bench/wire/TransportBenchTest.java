package io.iotaj.bench.wire;

import io.aeron.ChannelUri;
import io.iotaj.transport.Channels;
import io.iotaj.transport.TransportConfiguration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TransportBenchTest
{
    private static final int MTU = TransportConfiguration.MTU_LOOPBACK;

    @Test
    void termsAreTheSmallestThatHoldTheFrameAndTheMtu()
    {
        assertEquals(512 * 1024, TransportBench.termLength(32, MTU), "eight 64 KiB MTUs");
        assertEquals(512 * 1024, TransportBench.termLength(4096, MTU));
        assertEquals(1024 * 1024, TransportBench.termLength(128 * 1024, MTU), "a frame may be an eighth of the term");
        assertEquals(2 * 1024 * 1024, TransportBench.termLength(128 * 1024 + 1, MTU));
        assertEquals(8 * 1024 * 1024, TransportBench.termLength(1024 * 1024, MTU));
        assertEquals(64 * 1024, TransportBench.termLength(4096, 8192));
    }

    @Test
    void channelsCarryTheChosenTermLength()
    {
        assertEquals("1m", ChannelUri.parse(Channels.ipc(MTU, 1 << 20)).get("term-length"));
        assertEquals("1m", ChannelUri.parse(Channels.udp("127.0.0.1", 4000, MTU, 1 << 20)).get("term-length"));
        assertEquals(String.valueOf(MTU), ChannelUri.parse(Channels.udp("127.0.0.1", 4000, MTU, 1 << 20)).get("mtu"));
    }
}
