package io.iotaj.runtime;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Finds test inputs: "shared:REL" under the shared folder, "test:REL" on the test class path. */
final class TestData
{
    private TestData()
    {
    }

    static Path resolve(final String location)
    {
        final String rel = location.substring(location.indexOf(':') + 1);
        if (location.startsWith("shared:"))
        {
            final String shared = System.getProperty("iotaj.shared.dir");
            return shared == null ? null : Path.of(shared).resolve(rel);
        }
        final URL url = TestData.class.getClassLoader().getResource(rel);
        try
        {
            return url == null ? null : Path.of(url.toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
