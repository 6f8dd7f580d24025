package io.iotaj.runtime.swarm;

import io.iotaj.clasp.ClaspAccountant;
import io.iotaj.clasp.ClaspConfiguration;
import io.iotaj.clasp.ClaspEstimators;
import io.iotaj.clasp.emission.EmissionCalculator;
import io.iotaj.clasp.emission.EmissionHistory;
import io.iotaj.clasp.emission.EmissionWindow;
import io.iotaj.clasp.ledger.ChroniclePathwayLedger;
import io.iotaj.clasp.ledger.PathwayLedger;

import org.agrona.IoUtil;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The swarm's books: the orchestrator's loss ledger (one Chronicle record per counted sample: sample,
 * step, pathway, loss) under {@code dir/ledger}, and at the end of a run CLASP's credit, exploit flags and
 * emission shares over it (with the validator's failed checks taken off each miner's validated work),
 * appended to the emission history under {@code dir/emissions} that {@code iotaj scores} prints. A run
 * starts both afresh: an earlier run's miners, stages and losses in the same directory would otherwise be
 * scored together with this one's.
 */
final class SwarmAccounts implements AutoCloseable
{
    static final String ESTIMATOR = "additive";
    private static final String LEDGER = "ledger";
    private static final String EMISSIONS = "emissions";

    /** One miner's standing after the run: CLASP credit (NaN when it has none), flag and emission share. */
    record Standing(double credit, boolean flagged, double share)
    {
        static final Standing NONE = new Standing(Double.NaN, false, 0);
    }

    private final Path dir;
    private final PathwayLedger ledger;

    SwarmAccounts(final Path dir, final int stages)
    {
        this.dir = dir;
        IoUtil.delete(dir.resolve(LEDGER).toFile(), true);
        IoUtil.delete(dir.resolve(EMISSIONS).toFile(), true);
        this.ledger = new ChroniclePathwayLedger(dir.resolve(LEDGER), stages);
    }

    PathwayLedger ledger()
    {
        return ledger;
    }

    /**
     * Folds the whole run into one emission window. {@code checks} maps miner id to the validator's
     * {passed, failed or missing} checks of it.
     */
    Map<Integer, Standing> settle(final Map<Integer, long[]> checks)
    {
        final Map<Integer, Standing> out = new HashMap<>();
        final long records = ledger.size();
        if (records == 0)
        {
            return out;
        }
        try (EmissionHistory history = new EmissionHistory(dir.resolve(EMISSIONS)))
        {
            final ClaspAccountant accountant = new ClaspAccountant(ledger, ClaspEstimators.byName(ESTIMATOR),
                ClaspEstimators.detector(), new EmissionCalculator(ClaspConfiguration.EMA_ALPHA,
                    ClaspConfiguration.BURN_SHARE, ClaspConfiguration.QUALITY_SHARPNESS),
                history, (int)records, (int)records);
            checks.forEach((miner, n) ->
            {
                for (long i = 0; i < n[0] + n[1]; i++)
                {
                    accountant.onVerdict(miner, i < n[0]);
                }
            });
            accountant.fold();
            final EmissionWindow w = history.latest();
            for (int i = 0; w != null && i < w.miners(); i++)
            {
                out.put(w.minerId(i), new Standing(w.credit(i), w.excluded(i), w.share(i)));
            }
        }
        return out;
    }

    @Override
    public void close()
    {
        ledger.close();
    }
}
