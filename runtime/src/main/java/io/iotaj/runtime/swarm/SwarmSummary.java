package io.iotaj.runtime.swarm;

import io.iotaj.kernels.Backend;
import io.iotaj.runtime.data.TokenSource;
import io.iotaj.runtime.train.Pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a finished run into its {@link SwarmRun.Result}: losses and sample counts from the orchestrator, work
 * and wire bytes per miner, validation tallies, CLASP standings and emissions from the books, and the held-out
 * loss of the model made of the first live replica of each stage whose weights are at hand.
 */
final class SwarmSummary
{
    private SwarmSummary()
    {
    }

    static SwarmRun.Result summarise(final SwarmSettings s, final OrchestratorAgent orchestrator,
        final List<MinerView> miners, final Backend backend, final TokenSource data, final int evalBatches,
        final double seconds, final SwarmAccounts accounts)
    {
        final Map<Integer, long[]> checks = new LinkedHashMap<>();
        orchestrator.miners().values().forEach(m ->
            checks.put(m.id(), new long[]{m.validationsPassed(), m.validationsFailed() + m.validationsMissing()}));
        final Map<Integer, SwarmAccounts.Standing> standings = accounts.settle(checks);
        final double[] losses = orchestrator.stepLosses().stream().mapToDouble(Double::doubleValue).toArray();
        final long completed = orchestrator.book().completed();
        final long tokens = completed * s.batch() * s.seq();
        long frameBytes = 0;
        int merges = 0;
        final List<SwarmRun.MinerResult> perMiner = new ArrayList<>();
        for (final MinerView m : miners)
        {
            frameBytes += m.activationBytes();
            merges = Math.max(merges, m.merges());
            final OrchestratorAgent.MinerInfo info = orchestrator.miners().get(m.id());
            final SwarmAccounts.Standing standing = standings.getOrDefault(m.id(), SwarmAccounts.Standing.NONE);
            perMiner.add(new SwarmRun.MinerResult(m.id(), m.stage(), info == null ? 0 : info.samples(),
                m.forwards(), m.backwards(), m.refused(), m.inboxRejects(), info == null ? 0 : info.refusedReports(),
                info == null ? 0 : info.validationsPassed(), info == null ? 0 : info.validationsFailed(),
                info == null ? 0 : info.validationsMissing(), info == null ? 1 : info.score(), standing.credit(),
                standing.flagged(), standing.share(), m.values(), m.counters()));
        }
        final int boundaries = s.stages() - 1;
        final double wirePerToken = boundaries == 0 || tokens == 0 ? 0 : (double)frameBytes / tokens / boundaries;
        final double bf16Full = 2.0 * s.model().dim();
        return new SwarmRun.Result(orchestrator.completedSteps(), losses,
            evaluate(s, miners, orchestrator.evicted(), backend, data, evalBatches), tokens / seconds, seconds,
            wirePerToken, wirePerToken == 0 ? 0 : bf16Full / wirePerToken, merges, orchestrator.evicted(),
            orchestrator.book().reissued(), orchestrator.book().dispatched(), completed, orchestrator.refusedLosses(),
            orchestrator.inboxRejects(), perMiner);
    }

    /** Held-out loss of the first live replica of each stage; NaN when some stage's weights are not at hand. */
    private static double evaluate(final SwarmSettings s, final List<MinerView> miners, final List<Integer> evicted,
        final Backend backend, final TokenSource data, final int evalBatches)
    {
        if (evalBatches == 0)
        {
            return Double.NaN;
        }
        final Map<String, float[]> values = new LinkedHashMap<>();
        final Map<String, int[]> shapes = new LinkedHashMap<>();
        for (int st = 0; st < s.stages(); st++)
        {
            final MinerView chosen = firstLive(miners, evicted, st);
            if (chosen == null)
            {
                return Double.NaN;
            }
            values.putAll(chosen.values());
            shapes.putAll(chosen.shapes());
        }
        final Pipeline pipe = new Pipeline(backend, s.model(), s.stages());
        pipe.load(values, shapes, "swarm");
        final int[] tokens = new int[s.batch() * s.seq()], targets = new int[s.batch() * s.seq()];
        double sum = 0;
        for (int i = 0; i < evalBatches; i++)
        {
            data.batch(s.seed(), TokenSource.Split.EVAL, (long)i * s.batch(), s.batch(), s.seq(), tokens, targets);
            sum += pipe.evaluate(tokens, targets, s.batch(), s.seq());
        }
        return sum / evalBatches;
    }

    private static MinerView firstLive(final List<MinerView> miners, final List<Integer> evicted, final int stage)
    {
        for (final MinerView m : miners)
        {
            if (m.stage() == stage && m.hasWeights() && !evicted.contains(m.id()))
            {
                return m;
            }
        }
        return null;
    }
}
