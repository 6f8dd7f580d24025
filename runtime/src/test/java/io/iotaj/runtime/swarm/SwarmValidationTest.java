package io.iotaj.runtime.swarm;

import io.iotaj.kernels.AdamWConfig;
import io.iotaj.kernels.cpu.CpuBackend;
import io.iotaj.runtime.data.SyntheticArithmetic;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.train.LrSchedule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A validator shadows a 3-stage, 2-replica swarm with two planted cheaters: it fails both and passes the rest. */
class SwarmValidationTest
{
    private static final ModelConfig MODEL = new ModelConfig(256, 32, 6, 4, 2, 48, 4, 24, 10000.0, 1e-5f,
        List.of(new int[]{0, 2}, new int[]{2, 4}, new int[]{4, 6}));
    private static final int NOISY = 1;
    private static final int LAZY = 5;

    @Test
    void noisyAndPassThroughMinersFailValidationHonestOnesPass()
    {
        final int steps = 6;
        final SwarmSettings settings = new SwarmSettings(MODEL, 3, 2, steps, 2, 16, 17, Compression.BOTTLENECK_Q8, 2,
            new AdamWConfig(3e-3f, 0.9f, 0.95f, 1e-8f, 0.1f), new LrSchedule(3e-3, 1, steps, 0.1), 1.0, 2, 0.75,
            5_000, 20_000, 10_000, 19, Validation.iota(1.0));
        final SwarmRun.Result r = SwarmRun.run(settings, new CpuBackend(), new SyntheticArithmetic(), 0, 120_000,
            (st, l, alive, phase, tps) -> { },
            SwarmRun.Faults.planted(Map.of(NOISY, Behaviour.NOISE, LAZY, Behaviour.IDENTITY)), null);

        assertEquals(steps, r.steps());
        for (final SwarmRun.MinerResult m : r.miners())
        {
            System.out.printf("miner %d stage %d: passed %d failed %d missing %d score %.2f%n", m.id(), m.stage(),
                m.validationsPassed(), m.validationsFailed(), m.validationsMissing(), m.score());
            if (m.id() == NOISY || m.id() == LAZY)
            {
                assertTrue(m.validationsFailed() > 0, "cheater " + m.id() + " was caught");
                assertTrue(m.score() < 0.75, "cheater " + m.id() + " scores low: " + m.score());
            }
            else
            {
                assertTrue(m.validationsPassed() > 0, "honest miner " + m.id() + " was checked");
                assertEquals(0, m.validationsFailed(), "honest miner " + m.id() + " never fails");
            }
        }
        final SwarmRun.MinerResult lazy = r.miners().stream().filter(m -> m.id() == LAZY).findFirst().orElseThrow();
        assertEquals(1, lazy.stage(), "the pass-through miner sits on a body stage");
    }
}
