package io.iotaj.tools;

import io.iotaj.clasp.sim.AdversaryMix;
import io.iotaj.codecs.json.Json;
import io.iotaj.kernels.Backend;
import io.iotaj.runtime.claspsim.ClaspSimReport;
import io.iotaj.runtime.claspsim.ClaspSimSettings;
import io.iotaj.runtime.claspsim.ClaspSimulation;
import io.iotaj.runtime.claspsim.EstimatorResult;
import io.iotaj.runtime.claspsim.MinerLayout;
import io.iotaj.runtime.data.SyntheticArithmetic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code iotaj clasp-sim}: CLASP against planted adversaries on the project's real model (CPU), scored
 * against ablation ground truth; see {@link ClaspSimulation}.
 */
@Command(
    name = "clasp-sim",
    mixinStandardHelpOptions = true,
    description = "CLASP credit and exploit detection on a real small model with planted adversaries.")
public final class ClaspSimCommand implements Callable<Integer>
{
    @Option(names = "--stages", defaultValue = "4", description = "Pipeline stages, at least 2 (default: ${DEFAULT-VALUE}).")
    int stages;

    @Option(names = "--replicas", defaultValue = "8", description = "Miners per stage, at least 2 (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--samples", defaultValue = "2000", description = "Sampled pathways (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--adversaries", defaultValue = "noise:2,lazy:1,stale:1,pair:1",
        description = "Planted adversaries, kind:count with kinds noise, lazy, stale, pair (a pair is two miners); " +
            "\"\" for none (default: ${DEFAULT-VALUE}).")
    String adversaries;

    @Option(names = "--seed", defaultValue = "1", description = "Seed: model, layout, routing (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bottleneck", defaultValue = "0",
        description = "Bottleneck width at the stage boundaries, 0 = full width (default: ${DEFAULT-VALUE}); " +
            "with a bottleneck each stage has two blocks, else one.")
    int bottleneck;

    @Option(names = "--pretrain-steps", defaultValue = "1500",
        description = "Pre-training steps; the last 140 give the run's 8 checkpoints (default: ${DEFAULT-VALUE}).")
    int pretrainSteps;

    @Option(names = "--noise-scale", defaultValue = "1.0",
        description = "noise: standard deviation relative to the output's RMS (default: ${DEFAULT-VALUE}).")
    double noiseScale;

    @Option(names = "--honest-spread", defaultValue = "0.1",
        description = "Loss penalty in nats that the worst honest replica's weight perturbation is calibrated to " +
            "(default: ${DEFAULT-VALUE}).")
    double honestSpread;

    @Option(names = "--truth-samples", defaultValue = "48",
        description = "Held-out pathways per stage for the ablation ground truth (default: ${DEFAULT-VALUE}).")
    int truthSamples;

    @Option(names = "--flag-stride", defaultValue = "100",
        description = "Ledger prefix step for samples-to-flag, 0 = skip (default: ${DEFAULT-VALUE}).")
    int flagStride;

    @Option(names = "--cache", defaultValue = "runs/clasp-sim",
        description = "Directory caching the pre-trained checkpoints (default: ${DEFAULT-VALUE}).")
    Path cache;

    @Option(names = "--no-cache", description = "Pre-train in memory and write nothing.")
    boolean noCache;

    @Option(names = "--json", description = "Print one JSON object on one line.")
    boolean json;

    @Mixin
    BackendOption backendOption;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception
    {
        final ClaspSimSettings settings = new ClaspSimSettings()
            .stages(stages).replicas(replicas).samples(samples).seed(seed)
            .adversaries(AdversaryMix.parse(adversaries)).model(48, 128, bottleneck).pretrainTotal(pretrainSteps).noiseScale(noiseScale).honestSpread(honestSpread).truthSamples(truthSamples)
            .flagStride(flagStride).validate();
        final ClaspSimReport report;
        try (Backend backend = backendOption.create())
        {
            report = new ClaspSimulation(backend, settings, new SyntheticArithmetic(), noCache ? null : cache,
                System.err).run();
        }
        if (json)
        {
            System.out.println(Json.write(report.toMap()));
        }
        else
        {
            print(System.out, report);
        }
        return 0;
    }

    private static void print(final PrintStream out, final ClaspSimReport r)
    {
        final Map<String, Object> settings = r.settings.toMap();
        out.printf("clasp-sim: %s stages x %s replicas, %s samples, adversaries %s, seed %s; model %s, " +
            "pre-trained %d steps%s%n", settings.get("stages"), settings.get("replicas"), settings.get("samples"),
            settings.get("adversaries"), settings.get("seed"), settings.get("model"), r.pretrainSteps,
            r.pretrainCached ? " (cached)" : "");
        out.printf("loss %.3f -> %.3f over the run; model CPU %.1f s, ground truth CPU %.1f s, wall %.1f s%n%n",
            r.firstLoss, r.lastLoss, r.modelCpuNanos / 1e9, r.truthCpuNanos / 1e9, r.seconds);
        final MinerLayout layout = r.layout;
        out.printf("%5s %5s %7s %7s %7s %7s %9s", "miner", "stage", "target", "perturb", "kind", "samples", "truth");
        for (final EstimatorResult e : r.estimators)
        {
            out.printf(" %12s", e.name);
        }
        out.println();
        for (int id = 0; id < layout.miners(); id++)
        {
            out.printf("%5d %5d %7.3f %7.3f %7s %7d %+9.4f", id, layout.stageOf(id), layout.honestPenalty(id),
                r.perturbation[id],
                layout.behaviour(id).label(), r.samplesPerMiner[id], r.truth[id]);
            for (final EstimatorResult e : r.estimators)
            {
                out.printf(" %+11.4f%s", e.credit[id], e.excluded[id] ? "!" : " ");
            }
            out.println();
        }
        out.println("(! = excluded: flagged alone or in a flagged pair)");
        out.println();
        out.printf("%-11s %7s %7s %7s %9s %6s %8s %5s %8s %9s%n", "estimator", "AUC", "AUC n/l/s", "prec", "recall",
            "FPR", "Spearman", "pair", "to flag", "CPU share");
        for (final EstimatorResult e : r.estimators)
        {
            final int worst = e.worstSamplesToFlag();
            out.printf("%-11s %7.3f %9s %7.3f %9.3f %6.3f %8.3f %5s %8s %8.3f%%%n", e.name, e.score.auc,
                coreAuc(e), e.score.precision, e.score.recall, e.score.falsePositiveRate, e.score.spearman,
                e.plantedPairFlagged ? "yes" : "no", worst < 0 ? "-" : String.valueOf(worst), 100 * e.cpuShare);
        }
        out.println();
        for (final EstimatorResult e : r.estimators)
        {
            out.printf("%s: samples to flag %s; flagged pairs %s%n", e.name, e.samplesToFlag, e.flaggedPairIds);
        }
    }

    /** The smallest AUC over noise, lazy and stale (the kinds the targets name). */
    private static String coreAuc(final EstimatorResult e)
    {
        double min = Double.NaN;
        for (final String kind : new String[]{"noise", "lazy", "stale"})
        {
            final Double auc = e.aucByKind.get(kind);
            if (auc != null)
            {
                min = Double.isNaN(min) ? auc : Math.min(min, auc);
            }
        }
        return Double.isNaN(min) ? "-" : String.format("%.3f", min);
    }
}
