package io.iotaj.kernels.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * The worker threads GEMM spreads over: one shared daemon fork-join pool, sized by the system property
 * {@code iotaj.gemm.threads} (default: all available processors), created on first use and never per call.
 */
final class GemmPool
{
    /** Below this many multiply-adds a product runs on the calling thread: forking would cost more than it saves. */
    static final long MIN_PARALLEL_MACS = 1L << 18;

    private static final int THREADS = Math.max(1,
        Integer.getInteger("iotaj.gemm.threads", Runtime.getRuntime().availableProcessors()));

    private GemmPool()
    {
    }

    static int threads()
    {
        return THREADS;
    }

    static boolean worthSplitting(final long macs)
    {
        return THREADS > 1 && macs >= MIN_PARALLEL_MACS;
    }

    /**
     * Runs {@code body(0 .. count-1)} and returns when all are done; exceptions propagate. With one thread
     * (or one index) it runs them in order on the caller, otherwise on the pool.
     */
    static void forEach(final int count, final int threads, final IntConsumer body)
    {
        if (threads == 1 || count <= 1)
        {
            for (int i = 0; i < count; i++)
            {
                body.accept(i);
            }
            return;
        }
        Holder.POOL.invoke(new Range(body, 0, count));
    }

    /** Lazy holder so that single-threaded use never starts the pool. */
    private static final class Holder
    {
        static final ForkJoinPool POOL = new ForkJoinPool(THREADS, pool ->
        {
            final ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("iotaj-gemm-" + thread.getPoolIndex());
            thread.setDaemon(true);
            return thread;
        }, null, false);
    }

    /** Splits an index range in halves until single indices remain. */
    private static final class Range extends RecursiveAction
    {
        private static final long serialVersionUID = 1L;

        private final transient IntConsumer body;
        private final int from;
        private final int to;

        Range(final IntConsumer body, final int from, final int to)
        {
            this.body = body;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute()
        {
            if (to - from == 1)
            {
                body.accept(from);
                return;
            }
            final int mid = (from + to) >>> 1;
            invokeAll(new Range(body, from, mid), new Range(body, mid, to));
        }
    }
}
