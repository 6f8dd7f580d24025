package io.iotaj.runtime.swarm;

import io.iotaj.kernels.AdamWConfig;
import io.iotaj.kernels.cpu.CpuBackend;
import io.iotaj.runtime.data.SyntheticArithmetic;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.train.LrSchedule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A miner that dies mid-run while its stage has another replica: the run finishes and nothing is lost. */
class SwarmFaultTest
{
    private static final ModelConfig MODEL = new ModelConfig(256, 32, 4, 4, 2, 48, 4, 24, 10000.0, 1e-5f,
        List.of(new int[]{0, 2}, new int[]{2, 4}));

    /**
     * With a sample timeout far beyond the run's, nothing is rescued by age: every sample the dead miner held
     * must be re-issued when it is evicted, and wait for a surviving head with room if none has any.
     */
    @ParameterizedTest
    @ValueSource(longs = {5_000, 600_000})
    void deadMinerIsEvictedAndTheRunCompletesEverySample(final long sampleTimeoutMs)
    {
        final int steps = 8;
        final SwarmSettings settings = new SwarmSettings(MODEL, 2, 2, steps, 2, 16, 5, Compression.BOTTLENECK_Q8, 2,
            new AdamWConfig(3e-3f, 0.9f, 0.95f, 1e-8f, 0.1f), new LrSchedule(3e-3, 1, steps, 0.1), 1.0, 2, 0.75,
            3_000, sampleTimeoutMs, 3_000, 13, Validation.OFF);
        // miner 3 is a stage-0 replica (equal throughputs: 1 -> stage 0, 2 -> stage 1, 3 -> stage 0, 4 -> stage 1)
        final SwarmRun.Result r = SwarmRun.run(settings, new CpuBackend(), new SyntheticArithmetic(), 2, 120_000,
            (st, l, alive, phase, tps) -> { }, SwarmRun.Faults.kill(3, 2), null);

        assertEquals(steps, r.steps());
        assertEquals(List.of(3), r.evicted());
        assertEquals(r.samplesDispatched(), r.samplesCompleted(), "every dispatched sample's loss was counted");
        assertTrue(Double.isFinite(r.evalLoss()));
        final SwarmRun.MinerResult survivor = r.miners().stream().filter(m -> m.id() == 1).findFirst().orElseThrow();
        final SwarmRun.MinerResult dead = r.miners().stream().filter(m -> m.id() == 3).findFirst().orElseThrow();
        assertTrue(survivor.forwards() > dead.forwards(), "the surviving replica carried the stage");
        System.out.println("fault run: reissued " + r.reissued() + ", dispatched " + r.samplesDispatched() +
            ", survivor " + survivor.counters());
    }
}
