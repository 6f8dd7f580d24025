package io.iotaj.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures the machine's peak fp32 multiply-add rate through the Vector API: every thread runs a loop of
 * independent FMA chains on register-resident vectors (twelve chains cover the latency x throughput of two
 * FMA pipes with a four-cycle latency) and all threads start together. This is the ceiling GEMM is judged
 * against.
 */
public final class FmaPeak
{
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int CHAINS = 12;

    private FmaPeak()
    {
    }

    /**
     * The peak rate in GFLOP/s on {@code threads} threads within about {@code seconds}: warms the loop up until
     * C2 has compiled it (interpreted, the Vector API is a thousand times slower), sizes a run from a
     * calibration, then returns the best of five runs (on a shared machine interference only slows a run).
     */
    public static double measure(final int threads, final double seconds)
    {
        if (!(seconds > 0))
        {
            throw new IllegalArgumentException("fma peak: seconds must be positive");
        }
        // At least 0.2 s whatever the budget: C2 needs thousands of calls before it compiles the loop.
        final long warmUntil = System.nanoTime() + (long)(Math.max(0.2, Math.min(0.5, seconds / 4)) * 1e9);
        float sink = 0.0f;
        while (System.nanoTime() < warmUntil)
        {
            sink += chains(1_000);
        }
        if (Float.isNaN(sink))
        {
            throw new IllegalStateException("fma peak: chains diverged");
        }
        final long calibration = 200_000L;
        final double calibrated = run(threads, calibration);
        final int runs = 5;
        final double secondsPerRun = Math.max(0.02, seconds * 0.75 / runs);
        final long iterations = Math.max(calibration, (long)(calibrated * 1e9 * secondsPerRun /
            (flopsPerIteration() * threads)));
        double best = calibrated;
        for (int r = 0; r < runs; r++)
        {
            best = Math.max(best, run(threads, iterations));
        }
        return best;
    }

    /**
     * One timed run: {@code iterations} rounds of {@value #CHAINS} independent FMAs per thread on {@code threads}
     * threads started together. Each thread's rate is taken over its own CPU time (wall time where the JVM
     * cannot read thread CPU time), so time spent descheduled by other processes on a shared machine does not
     * lower the peak; the result is the sum of the threads' rates in GFLOP/s. That makes the peak an upper
     * bound, and GEMM's fraction of it (timed on the wall clock) a conservative figure.
     */
    public static double run(final int threads, final long iterations)
    {
        if (threads < 1 || iterations < 1)
        {
            throw new IllegalArgumentException("fma peak: threads and iterations must be positive");
        }
        final ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        final boolean cpuTime = clock.isCurrentThreadCpuTimeSupported() && clock.isThreadCpuTimeEnabled();
        final CyclicBarrier start = new CyclicBarrier(threads);
        final double[] rates = new double[threads];
        final float[] sinks = new float[threads];
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            final int index = t;
            workers[t] = new Thread(() ->
            {
                try
                {
                    start.await();
                    final long begin = cpuTime ? clock.getCurrentThreadCpuTime() : System.nanoTime();
                    sinks[index] = chains(iterations);
                    final long end = cpuTime ? clock.getCurrentThreadCpuTime() : System.nanoTime();
                    rates[index] = flopsPerIteration() * iterations / Math.max(1, end - begin);
                }
                catch (final Throwable ex)
                {
                    failure.compareAndSet(null, ex);
                }
            }, "iotaj-fma-peak-" + t);
            workers[t].start();
        }
        try
        {
            for (final Thread worker : workers)
            {
                worker.join();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("fma peak interrupted", ex);
        }
        if (failure.get() != null)
        {
            throw new IllegalStateException("fma peak worker failed", failure.get());
        }
        double total = 0.0;
        float checksum = 0.0f;
        for (int t = 0; t < threads; t++)
        {
            total += rates[t];
            checksum += sinks[t];
        }
        if (Float.isNaN(checksum))
        {
            throw new IllegalStateException("fma peak: chains diverged");
        }
        return total;
    }

    /** Flops one thread does per loop iteration: one FMA (two flops) per lane per chain. */
    public static double flopsPerIteration()
    {
        return 2.0 * SPECIES.length() * CHAINS;
    }

    /** The timed loop; returns a value derived from every chain so that none of them is dead code. */
    static float chains(final long iterations)
    {
        final FloatVector x = FloatVector.broadcast(SPECIES, 0.999999f);
        final FloatVector y = FloatVector.broadcast(SPECIES, 1e-7f);
        FloatVector c0 = FloatVector.broadcast(SPECIES, 0.0f);
        FloatVector c1 = FloatVector.broadcast(SPECIES, 0.1f);
        FloatVector c2 = FloatVector.broadcast(SPECIES, 0.2f);
        FloatVector c3 = FloatVector.broadcast(SPECIES, 0.3f);
        FloatVector c4 = FloatVector.broadcast(SPECIES, 0.4f);
        FloatVector c5 = FloatVector.broadcast(SPECIES, 0.5f);
        FloatVector c6 = FloatVector.broadcast(SPECIES, 0.6f);
        FloatVector c7 = FloatVector.broadcast(SPECIES, 0.7f);
        FloatVector c8 = FloatVector.broadcast(SPECIES, 0.8f);
        FloatVector c9 = FloatVector.broadcast(SPECIES, 0.9f);
        FloatVector c10 = FloatVector.broadcast(SPECIES, 1.0f);
        FloatVector c11 = FloatVector.broadcast(SPECIES, 1.1f);
        for (long i = 0; i < iterations; i++)
        {
            c0 = c0.fma(x, y);
            c1 = c1.fma(x, y);
            c2 = c2.fma(x, y);
            c3 = c3.fma(x, y);
            c4 = c4.fma(x, y);
            c5 = c5.fma(x, y);
            c6 = c6.fma(x, y);
            c7 = c7.fma(x, y);
            c8 = c8.fma(x, y);
            c9 = c9.fma(x, y);
            c10 = c10.fma(x, y);
            c11 = c11.fma(x, y);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
            .reduceLanes(VectorOperators.ADD);
    }
}
