package io.iotaj.clasp;

import io.iotaj.clasp.credit.CreditReport;
import io.iotaj.clasp.emission.EmissionCalculator;
import io.iotaj.clasp.emission.EmissionHistory;
import io.iotaj.clasp.emission.EmissionWindow;
import io.iotaj.clasp.ledger.ChroniclePathwayLedger;
import io.iotaj.clasp.ledger.InMemoryPathwayLedger;
import io.iotaj.clasp.ledger.PathwayBatch;
import io.iotaj.clasp.ledger.PathwayLedger;
import io.iotaj.clasp.sim.AdversaryMix;
import io.iotaj.clasp.sim.SwarmSettings;
import io.iotaj.clasp.sim.SyntheticSwarm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaspAccountantTest
{
    @TempDir
    Path dir;

    @Test
    void foldsALedgerIntoWindowsAndResumesAfterARestart()
    {
        final SyntheticSwarm swarm = new SyntheticSwarm(new SwarmSettings().seed(21).samples(3000)
            .lazy(0.5, 0.2).adversaries(AdversaryMix.parse("lazy:1")));
        int lazy = -1;
        for (int id = 0; id < swarm.miners(); id++)
        {
            lazy = swarm.adversary(id) ? id : lazy;
        }
        try (PathwayLedger ledger = new ChroniclePathwayLedger(dir.resolve("ledger"), swarm.stages());
            EmissionHistory history = new EmissionHistory(dir.resolve("emissions")))
        {
            swarm.generate((sampleId, step, pathway, loss) ->
            {
                if (sampleId < 1700)
                {
                    ledger.append(sampleId, step, pathway, loss);
                }
            });
            final ClaspAccountant accountant = accountant(ledger, history);
            assertEquals(3, accountant.fold());
            assertEquals(1500, accountant.position());
            assertEquals(0, accountant.fold());
        }
        try (PathwayLedger ledger = new ChroniclePathwayLedger(dir.resolve("ledger"), swarm.stages());
            EmissionHistory history = new EmissionHistory(dir.resolve("emissions")))
        {
            swarm.generate((sampleId, step, pathway, loss) ->
            {
                if (sampleId >= 1700)
                {
                    ledger.append(sampleId, step, pathway, loss);
                }
            });
            final ClaspAccountant accountant = accountant(ledger, history);
            assertEquals(1500, accountant.position());
            assertEquals(0, accountant.attributionNanos());
            assertEquals(3, accountant.fold());
            assertTrue(accountant.attributionNanos() > 0);

            final List<EmissionWindow> windows = history.last(100);
            assertEquals(6, windows.size());
            for (int w = 0; w < 6; w++)
            {
                final EmissionWindow window = windows.get(w);
                assertEquals(w, window.window);
                assertEquals(500L * w, window.fromPosition);
                assertEquals(500L * (w + 1), window.toPosition);
                assertEquals("additive", window.estimator);
                assertEquals(1.0, window.paid() + window.burn, 1e-12);
                long work = 0;
                for (int i = 0; i < window.miners(); i++)
                {
                    work += window.work(i);
                }
                assertEquals(500L * swarm.stages(), work);
            }
            // once enough samples are in, the lazy miner is flagged and paid nothing
            final EmissionWindow last = windows.get(5);
            assertTrue(last.excluded(last.indexOf(lazy)));
            assertEquals(0.0, last.share(last.indexOf(lazy)));

            // the sliding lookback gives the same credits as estimating the last 2,000 records afresh
            final PathwayBatch lookback = new PathwayBatch(swarm.stages(), 2000);
            ledger.read(1000, 2000, lookback::add);
            final CreditReport fresh = new CreditReport();
            ClaspEstimators.byName("additive").estimate(lookback, fresh);
            for (int i = 0; i < last.miners(); i++)
            {
                final int column = fresh.column(last.stage(i), last.minerId(i));
                assertEquals(fresh.credit(column), last.credit(i), 1e-12);
            }
        }
    }

    @Test
    void failedVerdictsComeOffTheValidatedWorkOfTheWindowTheyArriveIn()
    {
        final SyntheticSwarm swarm = new SyntheticSwarm(new SwarmSettings().seed(2).samples(1000));
        try (InMemoryPathwayLedger ledger = new InMemoryPathwayLedger(swarm.stages());
            EmissionHistory history = new EmissionHistory(dir.resolve("emissions")))
        {
            swarm.generate(ledger::append);
            final ClaspAccountant accountant = accountant(ledger, history);
            accountant.onVerdict(3, false);
            accountant.onVerdict(3, false);
            accountant.onVerdict(3, true);
            accountant.onVerdict(9, false);
            accountant.onVerdict(1_000_000, false);
            assertEquals(2, accountant.fold());
            final List<EmissionWindow> windows = history.last(2);
            final EmissionWindow first = windows.get(0);
            final EmissionWindow second = windows.get(1);
            final long[] processed = new long[swarm.miners()];
            ledger.read(0, 500, (sampleId, step, pathway, loss) ->
            {
                for (final int id : pathway)
                {
                    processed[id]++;
                }
            });
            assertEquals(processed[3] - 2, first.work(first.indexOf(3)));
            assertEquals(processed[9] - 1, first.work(first.indexOf(9)));
            assertEquals(processed[4], first.work(first.indexOf(4)));
            // a miner known only from a verdict gets no work and no share
            final int stranger = first.indexOf(1_000_000);
            assertEquals(0, first.work(stranger));
            assertEquals(0.0, first.share(stranger));
            // verdicts are spent: the second window counts whole work again
            assertTrue(second.work(second.indexOf(3)) > 0);
            assertEquals(-1, second.indexOf(1_000_000));
        }
    }

    private static ClaspAccountant accountant(final PathwayLedger ledger, final EmissionHistory history)
    {
        return new ClaspAccountant(ledger, ClaspEstimators.byName("additive"), ClaspEstimators.detector(),
            new EmissionCalculator(0.3, 0.0, 1.0), history, 500, 2000);
    }
}
