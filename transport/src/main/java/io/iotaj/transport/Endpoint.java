package io.iotaj.transport;

/** A UDP endpoint, {@code host:port}, as given on a command line or carried in a Join or Assign frame. */
public record Endpoint(String host, int port)
{
    public Endpoint
    {
        if (host == null || host.isBlank())
        {
            throw new IllegalArgumentException("endpoint needs a host");
        }
        if (port <= 0 || port > 65535)
        {
            throw new IllegalArgumentException("endpoint port " + port + " is outside 1..65535");
        }
    }

    /** Parses {@code host:port}; anything else is an {@link IllegalArgumentException} that says what was expected. */
    public static Endpoint parse(final String text)
    {
        final int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1)
        {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
        }
        try
        {
            return new Endpoint(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT (the port is not a number)");
        }
    }

    public Endpoint plus(final int portOffset)
    {
        return new Endpoint(host, port + portOffset);
    }

    /** The UDP channel both a publisher to this endpoint and the subscriber on it use. */
    public String channel()
    {
        return Channels.udp(host, port);
    }

    @Override
    public String toString()
    {
        return host + ":" + port;
    }
}
