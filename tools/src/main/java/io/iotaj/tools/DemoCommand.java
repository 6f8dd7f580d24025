package io.iotaj.tools;

import io.iotaj.codecs.json.Json;
import io.iotaj.kernels.AdamWConfig;
import io.iotaj.kernels.Backend;
import io.iotaj.runtime.data.SyntheticArithmetic;
import io.iotaj.runtime.data.TextCorpus;
import io.iotaj.runtime.data.TokenSource;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.swarm.Behaviour;
import io.iotaj.runtime.swarm.Compression;
import io.iotaj.runtime.swarm.SwarmRun;
import io.iotaj.runtime.swarm.SwarmSettings;
import io.iotaj.runtime.swarm.Validation;
import io.iotaj.runtime.train.LrSchedule;
import io.iotaj.runtime.train.TrainSettings;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code iotaj demo}: an orchestrator and S x R miners training the model over the transport, in this JVM. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Train with a swarm: orchestrator plus stages x replicas miners talking over Aeron.")
public final class DemoCommand implements Callable<Integer>
{
    @Option(names = "--stages", defaultValue = "2", description = "Pipeline stages (default: ${DEFAULT-VALUE}).")
    int stages;

    @Option(names = "--replicas", defaultValue = "2", description = "Miners per stage (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--steps", defaultValue = "40", description = "Optimizer steps = merge rounds (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seed", defaultValue = "1", description = "Run seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch", defaultValue = "16", description = "Sequences per micro-batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seq", defaultValue = "64", description = "Tokens per sequence (default: ${DEFAULT-VALUE}).")
    int seq;

    @Option(names = "--lr", defaultValue = "3e-3", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--warmup", defaultValue = "20", description = "Warm-up steps (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--clip", defaultValue = "1.0", description = "Gradient-norm clip per architectural stage (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--compression", defaultValue = "bottleneck-q8c",
        description = "none (full-width float32 boundaries), bottleneck (b-wide float32), bottleneck-q8 (b-wide, " +
            "reference int8 codec, per-row scales) or bottleneck-q8c (b-wide int8, per-channel scales) " +
            "(default: ${DEFAULT-VALUE}).")
    String compression;

    @Option(names = "--slots", defaultValue = "2", description = "Samples in flight per miner (default: ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--merge-every", defaultValue = "2",
        description = "Backward passes per miner before a merge, with replicas > 1 (default: ${DEFAULT-VALUE}).")
    int mergeEvery;

    @Option(names = "--eval-batches", defaultValue = "8", description = "Held-out batches to evaluate (default: ${DEFAULT-VALUE}).")
    int evalBatches;

    @Option(names = "--data", description = "Train on this UTF-8 text file instead of the embedded corpus.")
    Path data;

    @Option(names = "--timeout", defaultValue = "1800", description = "Give up after this many seconds (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--validate", defaultValue = "0.25",
        description = "Share of completed samples the validator re-checks, 0 for no validator (default: ${DEFAULT-VALUE}).")
    double validate;

    @Option(names = "--adversary",
        description = "Plant a cheating miner (miner 1, a head-stage replica): noise (noisy activations) or rogue " +
            "(malformed and forged frames).")
    String adversary;

    @Option(names = "--run-dir", defaultValue = "runs/demo",
        description = "Where the loss ledger and emission history go; must not hold an earlier run's (default: ${DEFAULT-VALUE}).")
    Path runDir;

    @Option(names = "--json", description = "End with one JSON object on one line.")
    boolean json;

    @Mixin
    BackendOption backendOption;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception
    {
        final Compression mode = Compression.parse(compression);
        final ModelConfig model = mode == Compression.NONE ? TrainSettings.defaultModel().withBottleneck(0) :
            TrainSettings.defaultModel();
        final TokenSource source = data == null ? new SyntheticArithmetic() : TextCorpus.load(data, seq);
        final SwarmSettings settings = new SwarmSettings(model, stages, replicas, steps, batch, seq, seed, mode, slots,
            new AdamWConfig((float)lr, 0.9f, 0.95f, 1e-8f, 0.1f), new LrSchedule(lr, warmup, steps, 0.1), clip,
            mergeEvery, 0.75, 20_000, 120_000, 60_000, seed, Validation.iota(validate));
        final PrintStream err = System.err;
        err.printf("demo: %d stages x %d replicas, compression %s, %s, data %s%n", stages, replicas, compression,
            replicas == 1 ? "lockstep (one micro-batch per step, like train)" : "merge every " + mergeEvery + " backwards",
            source.describe());
        final SwarmRun.Result r;
        try (Backend backend = backendOption.create();
            ProgressBar bar = new ProgressBarBuilder().setTaskName("demo").setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(err))
                .setUpdateIntervalMillis(250).build())
        {
            r = SwarmRun.run(settings, backend, source, evalBatches, timeoutSeconds * 1000,
                (step, loss, alive, phase, tps) ->
                {
                    bar.stepTo(step);
                    bar.setExtraMessage(String.format("loss %.4f  %,.0f tok/s  miners %d  %s", loss, tps, alive, phase));
                }, faults(), runDir);
            bar.stepTo(r.steps());
        }
        printSummary(err, r);
        if (json)
        {
            System.out.println(Json.write(toJson(r)));
        }
        return 0;
    }

    /** The planted cheater of {@code --adversary}: miner 1, a head-stage replica. */
    private SwarmRun.Faults faults()
    {
        if (adversary == null)
        {
            return SwarmRun.Faults.NONE;
        }
        switch (adversary)
        {
            case "noise": return SwarmRun.Faults.planted(Map.of(1, Behaviour.NOISE));
            case "rogue": return SwarmRun.Faults.planted(Map.of(1, Behaviour.ROGUE));
            default: throw new IllegalArgumentException("--adversary: unknown '" + adversary + "' (noise, rogue)");
        }
    }

    private static void printSummary(final PrintStream err, final SwarmRun.Result r)
    {
        err.printf("demo: %d steps, final loss %.4f, eval loss %.4f, %,.0f tokens/s, %.1f s%n", r.steps(),
            r.losses()[r.losses().length - 1], r.evalLoss(), r.tokensPerSecond(), r.seconds());
        err.printf("demo: wire %.2f bytes/token/boundary (%.1fx less than full-width bf16), %d merges, " +
            "samples %d dispatched / %d completed / %d re-issued, evicted %s%n", r.wireBytesPerToken(),
            r.compressionRatio(), r.merges(), r.samplesDispatched(), r.samplesCompleted(), r.reissued(), r.evicted());
        for (final SwarmRun.MinerResult m : r.miners())
        {
            err.printf("  miner %d  stage %d  samples %d  forwards %d  backwards %d  refused %d  validations %d passed" +
                " / %d failed / %d missing  score %.2f  CLASP credit %+.4f%s  emission %.3f%n", m.id(), m.stage(),
                m.samples(), m.forwards(), m.backwards(), m.refused(), m.validationsPassed(), m.validationsFailed(),
                m.validationsMissing(), m.score(), m.claspCredit(), m.flagged() ? " FLAGGED" : "", m.emissionShare());
        }
    }

    private static Map<String, Object> toJson(final SwarmRun.Result r)
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
