package io.iotaj.transport;

import io.aeron.ChannelUriStringBuilder;
import io.aeron.CommonContext;

/** Aeron channel URIs for IOTA-J endpoints. */
public final class Channels
{
    private Channels()
    {
    }

    /** Shared-memory channel: both ends on one media driver. */
    public static String ipc()
    {
        return new ChannelUriStringBuilder()
            .media(CommonContext.IPC_MEDIA)
            .termLength(TransportConfiguration.termLength())
            .build();
    }

    /** UDP unicast to {@code host:port}, the receiver's endpoint; the publisher and subscriber use the same URI. */
    public static String udp(final String host, final int port)
    {
        return udp(host, port, TransportConfiguration.mtu());
    }

    public static String udp(final String host, final int port, final int mtu)
    {
        if (port <= 0 || port > 65535)
        {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return new ChannelUriStringBuilder()
            .media(CommonContext.UDP_MEDIA)
            .endpoint(host + ":" + port)
            .mtu(mtu)
            .termLength(TransportConfiguration.termLength())
            .socketSndbufLength(TransportConfiguration.socketBuffer())
            .socketRcvbufLength(TransportConfiguration.socketBuffer())
            .receiverWindowLength(TransportConfiguration.socketBuffer())
            .build();
    }
}
