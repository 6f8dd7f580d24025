package io.iotaj.runtime.swarm;

import io.iotaj.transport.MediaDriverHost;
import io.aeron.CommonContext;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * A swarm participant running in its own process: its own embedded media driver (UDP to its peers) and its
 * agent on one thread. Fails fast with the agent's own error.
 */
final class NodeProcess implements AutoCloseable
{
    /** Longest park of the idle agent: nothing in another process can wake it sooner. */
    private static final long MAX_PARK_NS = 200_000L;

    private final MediaDriverHost driver;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private AgentRunner runner;

    NodeProcess(final String role)
    {
        driver = MediaDriverHost.embedded(CommonContext.getAeronDirectoryName() + "-iotaj-" + role + "-" + UUID.randomUUID());
    }

    io.aeron.Aeron aeron()
    {
        return driver.aeron();
    }

    AtomicReference<Throwable> failure()
    {
        return failure;
    }

    void start(final Agent agent)
    {
        runner = SwarmRun.start(agent, ex -> failure.compareAndSet(null, ex), MAX_PARK_NS);
    }

    /** Waits until {@code finished} holds or the agent failed (then throws); polls every 50 ms. */
    void await(final BooleanSupplier finished)
    {
        while (!finished.getAsBoolean() && failure.get() == null)
        {
            SwarmRun.sleep(50);
        }
        stop();
    }

    /** Stops the agent's thread (and so closes its inbox and publications); throws the agent's error if it failed. */
    void stop()
    {
        CloseHelper.quietClose(runner);
        runner = null;
        if (failure.get() != null)
        {
            throw new IllegalStateException(failure.get().toString(), failure.get());
        }
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(runner);
        CloseHelper.quietClose(driver);
    }
}
