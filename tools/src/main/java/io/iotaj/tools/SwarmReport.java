package io.iotaj.tools;

import io.iotaj.runtime.swarm.SwarmRun;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a finished swarm run is shown: a few human lines, or one JSON object. */
final class SwarmReport
{
    private SwarmReport()
    {
    }

    static void print(final String who, final PrintStream err, final SwarmRun.Result r)
    {
        err.printf("%s: %d steps, final loss %.4f, eval loss %s, %,.0f tokens/s, %.1f s%n", who, r.steps(),
            r.losses()[r.losses().length - 1], Double.isNaN(r.evalLoss()) ? "n/a (weights stay with the miners)" :
                String.format("%.4f", r.evalLoss()), r.tokensPerSecond(), r.seconds());
        err.printf("%s: wire %.2f bytes/token/boundary (%.1fx less than full-width bf16), %d merges, " +
            "samples %d dispatched / %d completed / %d re-issued, evicted %s%n", who, r.wireBytesPerToken(),
            r.compressionRatio(), r.merges(), r.samplesDispatched(), r.samplesCompleted(), r.reissued(), r.evicted());
        for (final SwarmRun.MinerResult m : r.miners())
        {
            err.printf("  miner %d  stage %d  samples %d  forwards %d  backwards %d  refused %d  validations %d passed" +
                " / %d failed / %d missing  score %.2f  CLASP credit %+.4f%s  emission %.3f%n", m.id(), m.stage(),
                m.samples(), m.forwards(), m.backwards(), m.refused(), m.validationsPassed(), m.validationsFailed(),
                m.validationsMissing(), m.score(), m.claspCredit(), m.flagged() ? " FLAGGED" : "", m.emissionShare());
        }
    }

    static Map<String, Object> toJson(final SwarmRun.Result r)
    {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("steps", r.steps());
        out.put("losses", r.losses());
        out.put("train_loss", r.losses()[r.losses().length - 1]);
        out.put("eval_loss", r.evalLoss());
        out.put("tokens_per_s", r.tokensPerSecond());
        out.put("seconds", r.seconds());
        out.put("wire_bytes_per_token", r.wireBytesPerToken());
        out.put("compression_ratio", r.compressionRatio());
        out.put("merges", r.merges());
        out.put("evicted", r.evicted());
        out.put("reissued", r.reissued());
        out.put("samples_dispatched", r.samplesDispatched());
        out.put("samples_completed", r.samplesCompleted());
        out.put("refused_losses", r.refusedLosses());
        out.put("orchestrator_inbox_rejects", r.orchestratorInboxRejects());
        final List<Object> miners = new ArrayList<>();
        for (final SwarmRun.MinerResult m : r.miners())
        {
            final Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", m.id());
            e.put("stage", m.stage());
            e.put("samples", m.samples());
            e.put("forwards", m.forwards());
            e.put("backwards", m.backwards());
            e.put("refused", m.refused());
            e.put("inbox_rejects", m.inboxRejects());
            e.put("refused_reports", m.refusedReports());
            e.put("validations_passed", m.validationsPassed());
            e.put("validations_failed", m.validationsFailed());
            e.put("validations_missing", m.validationsMissing());
            e.put("score", m.score());
            e.put("clasp_credit", m.claspCredit());
            e.put("flagged", m.flagged());
            e.put("emission_share", m.emissionShare());
            miners.add(e);
        }
        out.put("miners", miners);
        return out;
    }
}
