package io.iotaj.runtime.swarm;

import io.iotaj.clasp.ledger.ChroniclePathwayLedger;
import io.iotaj.kernels.AdamWConfig;
import io.iotaj.kernels.cpu.CpuBackend;
import io.iotaj.runtime.data.SyntheticArithmetic;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.train.LrSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A run's books (loss ledger, emission history) in a run directory hold that run alone. */
class SwarmBooksTest
{
    private static final ModelConfig MODEL = new ModelConfig(256, 32, 6, 4, 2, 48, 4, 24, 10000.0, 1e-5f,
        List.of(new int[]{0, 2}, new int[]{2, 4}, new int[]{4, 6}));
    private static final AdamWConfig HP = new AdamWConfig(3e-3f, 0.9f, 0.95f, 1e-8f, 0.1f);

    @Test
    void aSecondRunInTheSameDirectoryIsScoredOnItsOwnLedger(@TempDir final Path runDir)
    {
        final CpuBackend be = new CpuBackend();
        final SwarmRun.Result first = SwarmRun.run(settings(3, 2, 6), be, new SyntheticArithmetic(), 1, 60_000,
            (st, l, alive, phase, tps) -> { }, SwarmRun.Faults.NONE, runDir);
        assertEquals(6, first.miners().size());

        // one replica per stage: every pathway is the same, so no miner can be told from a peer
        final SwarmRun.Result second = SwarmRun.run(settings(2, 1, 5), be, new SyntheticArithmetic(), 1, 60_000,
            (st, l, alive, phase, tps) -> { }, SwarmRun.Faults.NONE, runDir);
        assertEquals(2, second.miners().size());
        for (final SwarmRun.MinerResult m : second.miners())
        {
            assertFalse(m.flagged(), "miner " + m.id());
            assertEquals(0.0, m.claspCredit(), 1e-12, "miner " + m.id());
            assertEquals(0.5, m.emissionShare(), 1e-9, "miner " + m.id());
        }
        try (ChroniclePathwayLedger ledger = new ChroniclePathwayLedger(runDir.resolve("ledger"), 2))
        {
            assertEquals(second.samplesCompleted(), ledger.size());
        }
    }

    private static SwarmSettings settings(final int stages, final int replicas, final int steps)
    {
        return new SwarmSettings(MODEL, stages, replicas, steps, 2, 16, 11, Compression.BOTTLENECK, 2, HP,
            new LrSchedule(3e-3, 2, steps, 0.1), 1.0, 1, 1.0, 5_000, 30_000, 10_000, 7, Validation.OFF);
    }
}
