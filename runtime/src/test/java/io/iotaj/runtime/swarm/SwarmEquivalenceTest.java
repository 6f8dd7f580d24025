package io.iotaj.runtime.swarm;

import io.iotaj.kernels.AdamWConfig;
import io.iotaj.kernels.cpu.CpuBackend;
import io.iotaj.runtime.data.SyntheticArithmetic;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.train.LrSchedule;
import io.iotaj.runtime.train.Pipeline;
import io.iotaj.runtime.train.TrainSettings;
import io.iotaj.runtime.train.Trainer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The swarm over Aeron IPC, one replica per stage, reproduces single-process training step for step. */
class SwarmEquivalenceTest
{
    private static final ModelConfig MODEL = new ModelConfig(256, 32, 6, 4, 2, 48, 4, 24, 10000.0, 1e-5f,
        List.of(new int[]{0, 2}, new int[]{2, 4}, new int[]{4, 6}));
    private static final AdamWConfig HP = new AdamWConfig(3e-3f, 0.9f, 0.95f, 1e-8f, 0.1f);

    @Test
    void lockstepSwarmMatchesTrainLossForLoss()
    {
        final int steps = 6, batch = 2, seq = 16;
        final LrSchedule schedule = new LrSchedule(3e-3, 2, steps, 0.1);
        final CpuBackend be = new CpuBackend();
        final Pipeline pipe = new Pipeline(be, MODEL, 3);
        pipe.initialise(11);
        final Trainer.Result reference = new Trainer(be, pipe, new SyntheticArithmetic(),
            new TrainSettings(MODEL, 11, steps, batch, seq, HP, schedule, 1.0, 2)).run((st, l, lr, tps) -> { });

        final SwarmSettings settings = new SwarmSettings(MODEL, 3, 1, steps, batch, seq, 11, Compression.BOTTLENECK, 2,
            HP, schedule, 1.0, 1, 1.0, 5_000, 30_000, 10_000, 7, Validation.OFF);
        final SwarmRun.Result swarm = SwarmRun.run(settings, be, new SyntheticArithmetic(), 2, 60_000,
            (st, l, alive, phase, tps) -> { });

        assertEquals(steps, swarm.steps());
        assertEquals(steps, swarm.losses().length);
        for (int i = 0; i < steps; i++)
        {
            assertEquals(reference.losses()[i], swarm.losses()[i], 1e-4, "step " + (i + 1));
        }
        assertEquals(reference.evalLoss(), swarm.evalLoss(), 1e-4);
        assertEquals(swarm.samplesDispatched(), swarm.samplesCompleted());
        assertTrue(swarm.evicted().isEmpty());
        // b = 4 float32 per token, plus each frame's header and pathway spread over its 32 rows
        assertEquals(io.iotaj.codecs.TensorFrameEncoder.frameLength(1, 0, 32 * 16) / 32.0 * 0.5 +
            io.iotaj.codecs.TensorFrameEncoder.frameLength(2, 0, 32 * 16) / 32.0 * 0.5, swarm.wireBytesPerToken(), 1e-9);
        swarm.miners().forEach(m -> assertEquals(0, m.refused(), "miner " + m.id()));
    }
}
