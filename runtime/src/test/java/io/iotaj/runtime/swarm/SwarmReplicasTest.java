package io.iotaj.runtime.swarm;

import io.iotaj.kernels.AdamWConfig;
import io.iotaj.kernels.cpu.CpuBackend;
import io.iotaj.runtime.data.SyntheticArithmetic;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.train.LrSchedule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Two stages, two replicas each, stochastic wiring and merges: training completes and replicas agree. */
class SwarmReplicasTest
{
    private static final ModelConfig MODEL = new ModelConfig(256, 32, 4, 4, 2, 48, 4, 24, 10000.0, 1e-5f,
        List.of(new int[]{0, 2}, new int[]{2, 4}));

    @Test
    void replicasTrainMergeAndEndIdentical()
    {
        final int steps = 5;
        final SwarmSettings settings = new SwarmSettings(MODEL, 2, 2, steps, 2, 16, 3, Compression.BOTTLENECK_Q8, 2,
            new AdamWConfig(3e-3f, 0.9f, 0.95f, 1e-8f, 0.1f), new LrSchedule(3e-3, 1, steps, 0.1), 1.0, 2, 0.75,
            5_000, 20_000, 10_000, 9, Validation.OFF);
        final SwarmRun.Result r = SwarmRun.run(settings, new CpuBackend(), new SyntheticArithmetic(), 2, 120_000,
            (st, l, alive, phase, tps) -> { });

        assertEquals(steps, r.steps());
        assertEquals(steps, r.merges());
        assertTrue(r.samplesCompleted() >= steps * 2L, "at least the merge threshold's samples per step");
        assertTrue(Double.isFinite(r.evalLoss()));
        assertTrue(r.losses()[steps - 1] < r.losses()[0], "loss falls: " + java.util.Arrays.toString(r.losses()));
        for (int stage = 0; stage < 2; stage++)
        {
            final int st = stage;
            final List<SwarmRun.MinerResult> replicas = r.miners().stream().filter(m -> m.stage() == st).toList();
            assertEquals(2, replicas.size(), "stage " + st);
            replicas.get(0).parameters().forEach((name, v) ->
                assertArrayEquals(v, replicas.get(1).parameters().get(name), 1e-6f, "after the last merge: " + name));
        }
        // whole int8 frames: 4 code bytes per token, 8 bytes of row scale and offset, headers over 32 rows
        final int rows = 2 * 16;
        assertEquals(io.iotaj.codecs.TensorFrameEncoder.frameLength(1, rows, rows * 4) / (double)rows,
            r.wireBytesPerToken(), 1e-9);
        r.miners().forEach(m -> assertEquals(0, m.refused(), "miner " + m.id()));
    }
}
