package io.iotaj.bench.wire;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * How the Aeron benchmark threads and the benchmark's media driver wait for work. Which one wins depends on
 * the machine: spinning wins with idle cores to spare, yielding or backing off wins on a busy shared box.
 */
public enum BenchIdle
{
    YIELD,
    BACKOFF,
    SPIN;

    public IdleStrategy create()
    {
        switch (this)
        {
            case SPIN:
                return new BusySpinIdleStrategy();
            case BACKOFF:
                return new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1),
                    TimeUnit.MICROSECONDS.toNanos(50));
            default:
                return new YieldingIdleStrategy();
        }
    }
}
