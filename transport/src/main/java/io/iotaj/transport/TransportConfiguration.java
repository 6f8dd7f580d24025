package io.iotaj.transport;

import io.aeron.CommonContext;

/**
 * Transport defaults, each overridable by a system property (the Aeron way). Sizes are chosen for IOTA's
 * frames: a 128 KiB compressed activation is common and a 1 MiB frame must fit, so terms are 16 MiB (Aeron
 * allows a message of up to an eighth of a term) and MTUs are 8 KiB. Three terms per publication keep
 * /dev/shm use to 48 MiB per stream.
 */
public final class TransportConfiguration
{
    /** Directory of an external media driver to use instead of starting one in this process. */
    public static final String EXTERNAL_DIR_PROP = "iotaj.aeron.external.dir";
    public static final String DIR_PROP = "iotaj.aeron.dir";
    public static final String TERM_LENGTH_PROP = "iotaj.aeron.term.length";
    public static final String MTU_PROP = "iotaj.aeron.mtu";
    public static final String SOCKET_BUFFER_PROP = "iotaj.aeron.socket.buffer";
    public static final String PUBLISH_DEADLINE_MS_PROP = "iotaj.publish.deadline.ms";
    /** How long driver and clients tolerate each other's silence; generous, for shared and loaded machines. */
    public static final String DRIVER_TIMEOUT_MS_PROP = "iotaj.aeron.driver.timeout.ms";
    public static final long DRIVER_TIMEOUT_MS_DEFAULT = 60_000;

    public static final int TERM_LENGTH_DEFAULT = 16 * 1024 * 1024;
    public static final int MTU_DEFAULT = 8 * 1024;
    /** Largest MTU Aeron accepts; used on loopback where the IP MTU is 64 KiB. */
    public static final int MTU_LOOPBACK = 65504;
    public static final int SOCKET_BUFFER_DEFAULT = 2 * 1024 * 1024;
    public static final long PUBLISH_DEADLINE_MS_DEFAULT = 1000;

    private TransportConfiguration()
    {
    }

    public static String externalDir()
    {
        return System.getProperty(EXTERNAL_DIR_PROP);
    }

    /** The embedded driver's directory: one per process, so the profiler can find it by pid. */
    public static String embeddedDir()
    {
        return System.getProperty(DIR_PROP, embeddedDirFor(ProcessHandle.current().pid()));
    }

    public static String embeddedDirFor(final long pid)
    {
        return CommonContext.getAeronDirectoryName() + "-iotaj-" + pid;
    }

    public static int termLength()
    {
        return Integer.getInteger(TERM_LENGTH_PROP, TERM_LENGTH_DEFAULT);
    }

    public static int mtu()
    {
        return Integer.getInteger(MTU_PROP, MTU_DEFAULT);
    }

    public static int socketBuffer()
    {
        return Integer.getInteger(SOCKET_BUFFER_PROP, SOCKET_BUFFER_DEFAULT);
    }

    public static long publishDeadlineMs()
    {
        return Long.getLong(PUBLISH_DEADLINE_MS_PROP, PUBLISH_DEADLINE_MS_DEFAULT);
    }

    public static long driverTimeoutMs()
    {
        return Long.getLong(DRIVER_TIMEOUT_MS_PROP, DRIVER_TIMEOUT_MS_DEFAULT);
    }
}
