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

/**
 * A rogue tail miner sends a wrong-stage activation, a gradient for a sample never forwarded, a NaN payload,
 * a forged control frame and a loss for a sample never dispatched: each is refused and counted, the rogue's
 * score drops, and the run loses no honest sample.
 */
class SwarmBadInputTest
{
    private static final ModelConfig MODEL = new ModelConfig(256, 32, 4, 4, 2, 48, 4, 24, 10000.0, 1e-5f,
        List.of(new int[]{0, 2}, new int[]{2, 4}));
    private static final int ROGUE = 2;

    @Test
    void badFramesAreRefusedCountedAndCostTheSenderNoHonestSampleIsLost()
    {
        final int steps = 8;
        final SwarmSettings settings = new SwarmSettings(MODEL, 2, 2, steps, 2, 16, 23, Compression.BOTTLENECK_Q8C, 2,
            new AdamWConfig(3e-3f, 0.9f, 0.95f, 1e-8f, 0.1f), new LrSchedule(3e-3, 1, steps, 0.1), 1.0, 2, 0.75,
            5_000, 20_000, 10_000, 29, Validation.OFF);
        final SwarmRun.Result r = SwarmRun.run(settings, new CpuBackend(), new SyntheticArithmetic(), 0, 120_000,
            (st, l, alive, phase, tps) -> { }, SwarmRun.Faults.planted(Map.of(ROGUE, Behaviour.ROGUE)), null);

        assertEquals(steps, r.steps());
        assertEquals(r.samplesDispatched(), r.samplesCompleted(), "no honest sample lost");
        assertTrue(r.evicted().isEmpty(), "nobody stalled: " + r.evicted());
        final SwarmRun.MinerResult rogue = miner(r, ROGUE);
        assertEquals(1, rogue.stage(), "the rogue is a tail miner");
        // the rogue's victim is the first head miner of the roster; between them both head miners saw it all
        long wrongStageOrUnknown = 0, inboxRejects = 0;
        for (final SwarmRun.MinerResult m : r.miners())
        {
            if (m.stage() == 0)
            {
                wrongStageOrUnknown += m.refused();
                inboxRejects += m.inboxRejects();
            }
            System.out.println("miner " + m.id() + " stage " + m.stage() + ": refused " + m.refused() +
                ", inbox rejects " + m.inboxRejects() + ", refused reports " + m.refusedReports() + ", score " +
                m.score() + " (" + m.counters() + ")");
        }
        assertTrue(wrongStageOrUnknown >= 2, "wrong-stage activation and unknown-sample gradient refused");
        assertTrue(inboxRejects >= 1, "the NaN payload never reached a handler");
        assertTrue(r.orchestratorInboxRejects() >= 1, "the forged heartbeat was refused");
        assertTrue(r.refusedLosses() >= 1, "the loss of a never-dispatched sample was refused");
        assertEquals(1, rogue.refusedReports(), "and held against the rogue");
        assertTrue(rogue.score() < 1.0, "the rogue's score dropped: " + rogue.score());
        for (final SwarmRun.MinerResult m : r.miners())
        {
            if (m.id() != ROGUE)
            {
                assertEquals(0, m.refusedReports());
                assertEquals(1.0, m.score(), "honest miner " + m.id());
            }
        }
    }

    private static SwarmRun.MinerResult miner(final SwarmRun.Result r, final int id)
    {
        return r.miners().stream().filter(m -> m.id() == id).findFirst().orElseThrow();
    }
}
