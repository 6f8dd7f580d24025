package io.iotaj.runtime.claspsim;

import io.iotaj.clasp.eval.EstimatorScore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One estimator's scores in a {@link ClaspSimulation}, against the ablation ground truth. */
public final class EstimatorResult
{
    public final String name;
    public final EstimatorScore score;
    /** ROC AUC of each planted kind against the honest miners. */
    public final Map<String, Double> aucByKind;
    /** "kind:id" to the ledger prefix that first excluded the adversary, null when none did. */
    public final Map<String, Integer> samplesToFlag;
    public final boolean plantedPairFlagged;
    /** Flagged adjacent-stage pairs as "first-second" miner ids. */
    public final List<String> flaggedPairIds;
    /** CPU time of the ledger appends plus one estimate and detection over the whole ledger. */
    public final long attributionCpuNanos;
    public final double cpuShare;
    /** Credit and exclusion per miner id. */
    public final double[] credit;
    public final boolean[] excluded;

    EstimatorResult(final String name, final EstimatorScore score, final Map<String, Double> aucByKind,
        final Map<String, Integer> samplesToFlag, final boolean plantedPairFlagged, final List<String> flaggedPairIds,
        final long attributionCpuNanos,
        final double cpuShare, final double[] credit, final boolean[] excluded)
    {
        this.name = name;
        this.score = score;
        this.aucByKind = aucByKind;
        this.samplesToFlag = samplesToFlag;
        this.plantedPairFlagged = plantedPairFlagged;
        this.flaggedPairIds = flaggedPairIds;
        this.attributionCpuNanos = attributionCpuNanos;
        this.cpuShare = cpuShare;
        this.credit = credit;
        this.excluded = excluded;
    }

    /** The most samples any flagged adversary needed, or -1 when none was flagged. */
    public int worstSamplesToFlag()
    {
        int worst = -1;
        for (final Integer n : samplesToFlag.values())
        {
            if (n != null)
            {
                worst = Math.max(worst, n);
            }
        }
        return worst;
    }

    /** Field names as in {@code clasp-sim --json}. */
    public Map<String, Object> toMap()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("auc", score.auc);
        m.put("precision", score.precision);
        m.put("recall", score.recall);
        m.put("false_positive_rate", score.falsePositiveRate);
        m.put("spearman", score.spearman);
        m.put("samples_to_flag", samplesToFlag);
        m.put("cpu_share", cpuShare);
        m.put("auc_by_kind", aucByKind);
        m.put("flagged_pairs", flaggedPairIds);
        m.put("planted_pair_flagged", plantedPairFlagged);
        m.put("attribution_cpu_ms", attributionCpuNanos / 1e6);
        return m;
    }
}
