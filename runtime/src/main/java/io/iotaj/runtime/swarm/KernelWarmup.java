package io.iotaj.runtime.swarm;

import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.train.Pipeline;

import java.util.List;

/**
 * A few forward and backward passes of a tiny model with every block kind, run by a participant before it
 * joins: the JIT then compiles the kernels before the first real sample, instead of during it, when an
 * interpreted first pass would take long enough on a busy machine to look like a dead miner.
 */
final class KernelWarmup
{
    private static final ModelConfig TINY = new ModelConfig(256, 32, 4, 4, 2, 64, 2, 32, 10000.0, 1e-5f,
        List.of(new int[]{0, 2}, new int[]{2, 4}));
    private static final int PASSES = 6;
    private static final int BATCH = 2;
    private static final int SEQ = 32;
    private static final int GEMM_SIDE = 384;
    private static final int GEMM_REPEATS = 20;

    private KernelWarmup()
    {
    }

    /**
     * The capability a participant advertises in its Join: the best of a few timed square matrix products, in
     * GFLOP/s. Routing and stage balancing weigh miners by it, so a miner twice as fast carries twice the work.
     */
    static double measureGflops(final Backend backend)
    {
        final Tensor a = backend.allocate(GEMM_SIDE, GEMM_SIDE);
        final Tensor b = backend.allocate(GEMM_SIDE, GEMM_SIDE);
        final Tensor c = backend.allocate(GEMM_SIDE, GEMM_SIDE);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < GEMM_REPEATS; i++)
        {
            final long start = System.nanoTime();
            backend.gemm(false, false, GEMM_SIDE, GEMM_SIDE, GEMM_SIDE, a, b, c, false);
            best = Math.min(best, System.nanoTime() - start);
        }
        return 2.0 * GEMM_SIDE * GEMM_SIDE * GEMM_SIDE / Math.max(1, best);
    }

    static void run(final Backend backend)
    {
        final Pipeline pipeline = new Pipeline(backend, TINY, 2);
        pipeline.initialise(1);
        final int[] tokens = new int[BATCH * SEQ];
        final int[] targets = new int[BATCH * SEQ];
        for (int i = 0; i < tokens.length; i++)
        {
            tokens[i] = (i * 31) & 0xFF;
            targets[i] = (i * 17 + 3) & 0xFF;
        }
        for (int pass = 0; pass < PASSES; pass++)
        {
            pipeline.forwardBackward(tokens, targets, BATCH, SEQ);
        }
    }
}
