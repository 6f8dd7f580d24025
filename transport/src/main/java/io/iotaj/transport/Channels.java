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
        return ipc(TransportConfiguration.mtu());
    }

    /** Shared memory with a chosen fragment size; larger fragments mean fewer headers for big frames. */
    public static String ipc(final int mtu)
    {
        return ipc(mtu, TransportConfiguration.termLength());
    }

    /**
     * Shared memory with a chosen fragment size and term length. Frames may be up to an eighth of the term;
     * a term not much larger than that keeps the log buffers in cache.
     */
    public static String ipc(final int mtu, final int termLength)
    {
        return new ChannelUriStringBuilder()
            .media(CommonContext.IPC_MEDIA)
            .mtu(mtu)
            .termLength(termLength)
            .build();
    }

    /** UDP unicast to {@code host:port}, the receiver's endpoint; the publisher and subscriber use the same URI. */
    public static String udp(final String host, final int port)
    {
        return udp(host, port, TransportConfiguration.mtu());
    }

    public static String udp(final String host, final int port, final int mtu)
    {
        return udp(host, port, mtu, TransportConfiguration.termLength());
    }

    /** As {@link #ipc(int, int)}, for UDP unicast. */
    public static String udp(final String host, final int port, final int mtu, final int termLength)
    {
        if (port <= 0 || port > 65535)
        {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return new ChannelUriStringBuilder()
            .media(CommonContext.UDP_MEDIA)
            .endpoint(host + ":" + port)
            .mtu(mtu)
            .termLength(termLength)
            .socketSndbufLength(TransportConfiguration.socketBuffer())
            .socketRcvbufLength(TransportConfiguration.socketBuffer())
            .receiverWindowLength(TransportConfiguration.socketBuffer())
            .build();
    }
}
