package io.iotaj.runtime.claspsim;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time from {@link ThreadMXBean}: the calling thread's, or the sum over every live thread (the model's
 * kernels fork onto pool threads, so its compute is measured across all of them).
 */
final class CpuClock
{
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuClock()
    {
    }

    /** CPU nanoseconds of the calling thread. */
    static long thread()
    {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** CPU nanoseconds summed over all live threads (threads that ended are not counted). */
    static long allThreads()
    {
        long sum = 0;
        for (final long id : THREADS.getAllThreadIds())
        {
            final long t = THREADS.getThreadCpuTime(id);
            sum += Math.max(0, t);
        }
        return sum;
    }
}
