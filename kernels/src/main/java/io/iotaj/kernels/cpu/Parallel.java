package io.iotaj.kernels.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Splits index ranges over the cores of one shared fork-join pool of daemon threads, sized by
 * {@code iotaj.threads} (default: all available processors; the JDK's common pool would leave one core
 * idle on a 2-core machine). Ranges smaller than the grain run on the caller, so tiny ops never pay for
 * a hand-off.
 */
public final class Parallel
{
    /** A body over the half-open range [from, to). */
    @FunctionalInterface
    public interface RangeBody
    {
        void run(int from, int to);
    }

    private static final ForkJoinPool POOL = new ForkJoinPool(
        Math.max(1, Integer.getInteger("iotaj.threads", Runtime.getRuntime().availableProcessors())), pool ->
        {
            final java.util.concurrent.ForkJoinWorkerThread t =
                ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("iotaj-cpu-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);

    private Parallel()
    {
    }

    public static int threads()
    {
        return Math.max(1, POOL.getParallelism());
    }

    /** Runs body over [0, count) in chunks of at least {@code grain} items. */
    public static void range(final int count, final int grain, final RangeBody body)
    {
        if (count <= 0)
        {
            return;
        }
        final int chunks = Math.min(threads() * 4, Math.max(1, count / Math.max(1, grain)));
        if (chunks <= 1 || POOL.getParallelism() <= 1)
        {
            body.run(0, count);
            return;
        }
        POOL.invoke(new Split(body, 0, count, (count + chunks - 1) / chunks));
    }

    private static final class Split extends RecursiveAction
    {
        private static final long serialVersionUID = 1L;
        private final transient RangeBody body;
        private final int from;
        private final int to;
        private final int chunk;

        Split(final RangeBody body, final int from, final int to, final int chunk)
        {
            this.body = body;
            this.from = from;
            this.to = to;
            this.chunk = chunk;
        }

        @Override
        protected void compute()
        {
            if (to - from <= chunk)
            {
                body.run(from, to);
                return;
            }
            final int mid = from + ((to - from) / chunk / 2) * chunk;
            invokeAll(new Split(body, from, Math.max(mid, from + chunk), chunk),
                new Split(body, Math.max(mid, from + chunk), to, chunk));
        }
    }
}
