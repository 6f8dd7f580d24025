package io.iotaj.bench.kernels;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Times a piece of work repeatedly: a few untimed warm-up runs (JIT), then timed runs until both a minimum
 * count and a time budget are reached. Reports the fastest and the median run: on a shared, noisy machine
 * interference only ever slows a run down, so the fastest is the best estimate of what the code can do.
 */
final class Stopwatch
{
    private final int warmups;
    private final int minRuns;
    private final long budgetNanos;

    Stopwatch(final int warmups, final int minRuns, final double budgetSeconds)
    {
        if (warmups < 0 || minRuns < 1 || !(budgetSeconds >= 0))
        {
            throw new IllegalArgumentException("stopwatch needs warmups >= 0, runs >= 1 and a budget >= 0 s");
        }
        this.warmups = warmups;
        this.minRuns = minRuns;
        this.budgetNanos = (long)(budgetSeconds * 1e9);
    }

    /** Fastest and median run of {@code work}, in nanoseconds. */
    Timing time(final Runnable work)
    {
        return time(() -> { }, work);
    }

    /** As {@link #time(Runnable)}, running {@code setup} untimed before every run. */
    Timing time(final Runnable setup, final Runnable work)
    {
        for (int i = 0; i < warmups; i++)
        {
            setup.run();
            work.run();
        }
        long[] runs = new long[Math.max(16, minRuns)];
        long leastCpu = Long.MAX_VALUE;
        int count = 0;
        final long start = System.nanoTime();
        while (count < minRuns || System.nanoTime() - start < budgetNanos)
        {
            setup.run();
            final long cpuBegin = processCpuNanos();
            final long begin = System.nanoTime();
            work.run();
            final long elapsed = System.nanoTime() - begin;
            final long cpuEnd = processCpuNanos();
            leastCpu = cpuBegin < 0 ? -1 : Math.min(leastCpu, cpuEnd - cpuBegin);
            if (count == runs.length)
            {
                runs = Arrays.copyOf(runs, count * 2);
            }
            runs[count++] = elapsed;
        }
        final long[] sorted = Arrays.copyOf(runs, count);
        Arrays.sort(sorted);
        return new Timing(sorted[0], sorted[count / 2], leastCpu, count);
    }

    /**
     * CPU time of every live thread of this process so far (per-thread clocks have nanosecond resolution, the
     * process clock only ticks), or -1 where the JVM cannot tell.
     */
    private static long processCpuNanos()
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled())
        {
            return -1;
        }
        long total = 0;
        for (final long id : threads.getAllThreadIds())
        {
            total += Math.max(0, threads.getThreadCpuTime(id));
        }
        return total;
    }

    /**
     * Fastest and median of {@code runs} timed runs and the least CPU time (all threads of the process) one run
     * took, in nanoseconds; {@code leastCpuNanos} is -1 where the JVM cannot read process CPU time.
     */
    record Timing(long bestNanos, long medianNanos, long leastCpuNanos, int runs)
    {
    }
}
