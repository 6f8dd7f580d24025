package io.iotaj.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointTest
{
    @Test
    void parsesHostAndPort()
    {
        assertEquals(new Endpoint("10.0.0.7", 40123), Endpoint.parse("10.0.0.7:40123"));
        assertEquals("example.org:1", Endpoint.parse("example.org:1").toString());
        assertTrue(Endpoint.parse("127.0.0.1:9").channel().contains("endpoint=127.0.0.1:9"));
    }

    @Test
    void refusesWhatIsNotHostColonPort()
    {
        for (final String bad : new String[]{"", "host", ":80", "host:", "host:http", "host:0", "host:70000", "host:-1"})
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(bad), bad);
            assertTrue(ex.getMessage().contains("HOST:PORT") || ex.getMessage().contains("port"), ex.getMessage());
        }
    }
}
