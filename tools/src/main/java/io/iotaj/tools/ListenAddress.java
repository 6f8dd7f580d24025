package io.iotaj.tools;

import io.iotaj.transport.Endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Where a participant listens when {@code --listen} is not given: reachable from the orchestrator, on a free port. */
final class ListenAddress
{
    private ListenAddress()
    {
    }

    /**
     * The local address the route to the orchestrator leaves from (loopback when the orchestrator is local), with
     * a UDP port that is free now.
     */
    static Endpoint towards(final Endpoint orchestrator)
    {
        try (DatagramSocket probe = new DatagramSocket())
        {
            // connecting a datagram socket sends nothing: it only asks the kernel which route and address it would use
            probe.connect(new InetSocketAddress(InetAddress.getByName(orchestrator.host()), orchestrator.port()));
            final InetAddress local = probe.getLocalAddress();
            return new Endpoint(local.getHostAddress(), freePort(local));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot find a route to the orchestrator at " + orchestrator + ": " +
                ex.getMessage(), ex);
        }
    }

    static int freePort(final InetAddress address) throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0)))
        {
            return socket.getLocalPort();
        }
    }
}
