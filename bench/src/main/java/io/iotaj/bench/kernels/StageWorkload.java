package io.iotaj.bench.kernels;

import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.model.Stage;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One body stage of the model, forward then backward, on fixed random inputs: what a miner computes per
 * sample. The caller owns the backend. The stage sees a b-wide boundary activation and hands back its gradient, exactly as in the swarm.
 */
final class StageWorkload
{
    private final Stage stage;
    private final int batch;
    private final int seq;
    private final Tensor activation;
    private final Tensor gradOut;

    /**
     * @param stageIndex a stage after the first and before the last, so that it takes and returns the
     *                   b-wide boundary (receiving block, standard blocks, bottleneck block).
     */
    StageWorkload(final Backend backend, final ModelConfig config, final int stageIndex, final int batch, final int seq)
    {
        if (stageIndex < 1 || stageIndex >= config.stageCount() - 1)
        {
            throw new IllegalArgumentException("stage " + stageIndex + " is not a body stage of a " +
                config.stageCount() + "-stage model");
        }
        this.stage = new Stage(backend, config, stageIndex);
        this.batch = batch;
        this.seq = seq;
        stage.parameters().initialise(1234L);
        final int rows = batch * seq;
        final SplittableRandom random = new SplittableRandom(99);
        activation = backend.fromArray(gaussian(random, rows * config.bottleneckDim()), rows, config.bottleneckDim());
        gradOut = backend.fromArray(gaussian(random, rows * config.bottleneckDim()), rows, config.bottleneckDim());
    }

    /**
     * The standard configuration: dim 512, 8 heads, 4 kv heads, ffn 1376, bottleneck 8, byte vocabulary,
     * three stages of 4 blocks; the body stage (index 1) is the one benchmarked.
     */
    static ModelConfig standardConfig()
    {
        return new ModelConfig(256, 512, 12, 8, 4, 1376, 8, 256, 10000.0, 1e-5f,
            List.of(new int[]{0, 4}, new int[]{4, 8}, new int[]{8, 12}));
    }

    /** Untimed: clears the gradient accumulators so every run does the same work. */
    void reset()
    {
        stage.parameters().zeroGrads();
    }

    /** Timed: one forward and one backward of the stage. */
    void forwardBackward()
    {
        stage.forward(activation, batch, seq);
        stage.backward(gradOut);
    }

    int tokens()
    {
        return batch * seq;
    }

    /** The shape of the run, for the report. */
    Map<String, Object> describe()
    {
        final ModelConfig c = stage.config();
        return Map.of("dim", c.dim(), "n_heads", c.nHeads(), "n_kv_heads", c.nKvHeads(), "ffn_dim", c.ffnDim(),
            "bottleneck_dim", c.bottleneckDim(), "blocks", c.stageTo(stage.firstArchStage()) -
                c.stageFrom(stage.firstArchStage()), "batch", batch, "seq", seq);
    }

    private static float[] gaussian(final SplittableRandom random, final int length)
    {
        final float[] values = new float[length];
        for (int i = 0; i < length; i++)
        {
            // Box-Muller: SplittableRandom has no nextGaussian on JDK 17.
            final double u = 1.0 - random.nextDouble();
            values[i] = (float)(Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * random.nextDouble()));
        }
        return values;
    }
}
