package io.iotaj.transport;

import io.aeron.CommonContext;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.UUID;

/** Embedded drivers in fresh directories, and free loopback ports, for tests. */
final class TestDrivers
{
    private TestDrivers()
    {
    }

    static MediaDriverHost embedded()
    {
        return MediaDriverHost.embedded(CommonContext.getAeronDirectoryName() + "-iotaj-test-" + UUID.randomUUID());
    }

    static int freeUdpPort()
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final SocketException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
