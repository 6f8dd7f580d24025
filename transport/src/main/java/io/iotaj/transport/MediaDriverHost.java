package io.iotaj.transport;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * An Aeron client, with its own embedded media driver unless told to use an external one. The embedded
 * driver runs all its work on one shared thread that backs off when idle (these machines have few cores),
 * and deletes its directory on start and on close so a crashed run leaves nothing stale behind.
 */
public final class MediaDriverHost implements AutoCloseable
{
    private final MediaDriver driver;
    private final Aeron aeron;

    private MediaDriverHost(final MediaDriver driver, final String dir)
    {
        this.driver = driver;
        try
        {
            this.aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir)
                .driverTimeoutMs(TransportConfiguration.driverTimeoutMs()));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            throw ex;
        }
    }

    /** The external driver if {@link TransportConfiguration#EXTERNAL_DIR_PROP} is set, else an embedded one. */
    public static MediaDriverHost launch()
    {
        final String external = TransportConfiguration.externalDir();
        return external != null ? external(external) : embedded(TransportConfiguration.embeddedDir());
    }

    public static MediaDriverHost external(final String aeronDir)
    {
        return new MediaDriverHost(null, aeronDir);
    }

    /** An embedded driver whose thread backs off to 100 us parks when idle: kind to shared cores. */
    public static MediaDriverHost embedded(final String aeronDir)
    {
        return embedded(aeronDir, new BackoffIdleStrategy(
            10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(100)));
    }

    /** An embedded driver with the given idle strategy, e.g. a yielding one for latency measurements. */
    public static MediaDriverHost embedded(final String aeronDir, final IdleStrategy driverIdleStrategy)
    {
        final int termLength = TransportConfiguration.termLength();
        final int socketBuffer = TransportConfiguration.socketBuffer();
        final MediaDriver.Context context = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(driverIdleStrategy)
            .publicationTermBufferLength(termLength)
            .ipcTermBufferLength(termLength)
            .mtuLength(TransportConfiguration.mtu())
            .ipcMtuLength(TransportConfiguration.mtu())
            .socketSndbufLength(socketBuffer)
            .socketRcvbufLength(socketBuffer)
            .initialWindowLength(socketBuffer)
            .termBufferSparseFile(true)
            .driverTimeoutMs(TransportConfiguration.driverTimeoutMs())
            .clientLivenessTimeoutNs(TimeUnit.MILLISECONDS.toNanos(TransportConfiguration.driverTimeoutMs()))
            // Aeron wants a blocked publication's unblock timeout above the client liveness timeout
            .publicationUnblockTimeoutNs(TimeUnit.MILLISECONDS.toNanos(2 * TransportConfiguration.driverTimeoutMs()));
        return new MediaDriverHost(MediaDriver.launch(context), aeronDir);
    }

    public Aeron aeron()
    {
        return aeron;
    }

    public String aeronDirectoryName()
    {
        return aeron.context().aeronDirectoryName();
    }

    public boolean isEmbedded()
    {
        return driver != null;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(aeron, driver);
    }
}
