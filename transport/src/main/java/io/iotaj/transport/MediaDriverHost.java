package io.iotaj.transport;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentInvoker;
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
            // With an invoked driver the client's conductor is invoked too, and runs the driver's duty cycle
            // itself while it awaits a reply.
            final AgentInvoker driverInvoker = driver == null ? null : driver.sharedAgentInvoker();
            this.aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir)
                .useConductorAgentInvoker(driverInvoker != null)
                .driverAgentInvoker(driverInvoker)
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
        return new MediaDriverHost(MediaDriver.launch(driverContext(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(driverIdleStrategy)), aeronDir);
    }

    /**
     * An embedded driver with no thread of its own: one caller thread at a time runs its duty cycle through
     * {@link #invokeDriver()}. On a machine with fewer cores than busy threads this saves the driver's
     * thread competing with the threads that feed it.
     */
    public static MediaDriverHost invoked(final String aeronDir)
    {
        return new MediaDriverHost(MediaDriver.launch(driverContext(aeronDir).threadingMode(ThreadingMode.INVOKER)),
            aeronDir);
    }

    private static MediaDriver.Context driverContext(final String aeronDir)
    {
        final int termLength = TransportConfiguration.termLength();
        final int socketBuffer = TransportConfiguration.socketBuffer();
        return new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
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
    }

    /**
     * One duty cycle of an {@link #invoked} driver and of the client's conductor, which is then invoked too;
     * call from one thread at a time. Does nothing, returning 0, when the driver has its own thread.
     */
    public int invokeDriver()
    {
        final AgentInvoker driverInvoker = driver == null ? null : driver.sharedAgentInvoker();
        return driverInvoker == null ? 0 : driverInvoker.invoke() + aeron.conductorAgentInvoker().invoke();
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
