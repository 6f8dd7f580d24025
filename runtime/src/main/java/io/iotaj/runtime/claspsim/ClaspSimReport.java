package io.iotaj.runtime.claspsim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a {@link ClaspSimulation} measured: per-estimator scores, per-miner truth and credit, timings. */
public final class ClaspSimReport
{
    public final ClaspSimSettings settings;
    public final MinerLayout layout;
    public final List<EstimatorResult> estimators;
    /** Ablation ground truth per miner id, centred on its stage (the estimators' convention). */
    public final double[] truth;
    /** The same before centring: held-out loss of the reference replica minus the miner's. */
    public final double[] truthVsReference;
    public final long[] samplesPerMiner;
    /** Calibrated relative weight perturbation per miner id. */
    public final double[] perturbation;
    public final double firstLoss;
    public final double lastLoss;
    public final long modelCpuNanos;
    public final long truthCpuNanos;
    public final long pretrainCpuNanos;
    public final boolean pretrainCached;
    public final int pretrainSteps;
    public final double seconds;

    ClaspSimReport(final ClaspSimSettings settings, final MinerLayout layout, final List<EstimatorResult> estimators,
        final double[] truth, final double[] truthVsReference, final long[] samplesPerMiner, final double[] perturbation, final double firstLoss,
        final double lastLoss, final long modelCpuNanos, final long truthCpuNanos, final long pretrainCpuNanos,
        final boolean pretrainCached, final int pretrainSteps, final double seconds)
    {
        this.settings = settings;
        this.layout = layout;
        this.estimators = estimators;
        this.truth = truth;
        this.truthVsReference = truthVsReference;
        this.samplesPerMiner = samplesPerMiner;
        this.perturbation = perturbation;
        this.firstLoss = firstLoss;
        this.lastLoss = lastLoss;
        this.modelCpuNanos = modelCpuNanos;
        this.truthCpuNanos = truthCpuNanos;
        this.pretrainCpuNanos = pretrainCpuNanos;
        this.pretrainCached = pretrainCached;
        this.pretrainSteps = pretrainSteps;
        this.seconds = seconds;
    }

    /** The {@code clasp-sim --json} object. */
    public Map<String, Object> toMap()
    {
        final Map<String, Object> out = new LinkedHashMap<>();
        final Map<String, Object> byName = new LinkedHashMap<>();
        for (final EstimatorResult e : estimators)
        {
            byName.put(e.name, e.toMap());
        }
        out.put("estimators", byName);
        out.put("settings", settings.toMap());
        final List<Object> miners = new ArrayList<>();
        for (int id = 0; id < layout.miners(); id++)
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("stage", layout.stageOf(id));
            m.put("honest_penalty", layout.honestPenalty(id));
            m.put("perturbation", perturbation[id]);
            m.put("behaviour", layout.behaviour(id).label());
            m.put("samples", samplesPerMiner[id]);
            m.put("truth", truth[id]);
            m.put("truth_vs_reference", truthVsReference[id]);
            final Map<String, Object> credit = new LinkedHashMap<>();
            for (final EstimatorResult e : estimators)
            {
                credit.put(e.name, e.credit[id]);
            }
            m.put("credit", credit);
            miners.add(m);
        }
        out.put("miners", miners);
        out.put("loss_first_tenth", firstLoss);
        out.put("loss_last_tenth", lastLoss);
        out.put("model_cpu_s", modelCpuNanos / 1e9);
        out.put("truth_cpu_s", truthCpuNanos / 1e9);
        out.put("pretrain_steps", pretrainSteps);
        out.put("pretrain_cached", pretrainCached);
        out.put("pretrain_cpu_s", pretrainCpuNanos / 1e9);
        out.put("seconds", seconds);
        return out;
    }
}
