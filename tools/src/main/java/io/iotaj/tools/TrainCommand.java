package io.iotaj.tools;

import io.iotaj.codecs.json.Json;
import io.iotaj.kernels.Backend;
import io.iotaj.runtime.checkpoint.Checkpoints;
import io.iotaj.runtime.data.SyntheticArithmetic;
import io.iotaj.runtime.data.TextCorpus;
import io.iotaj.runtime.data.TokenSource;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.train.Pipeline;
import io.iotaj.runtime.train.TrainSettings;
import io.iotaj.runtime.train.Trainer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code iotaj train}: trains the IOTA model in one process, its stages run back to back. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the model in one process on CPU (embedded arithmetic corpus unless --data).")
public final class TrainCommand implements Callable<Integer>
{
    @Option(names = "--steps", defaultValue = "300", description = "Optimizer steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Mixin
    OptimOptions optim;

    @Option(names = "--stages", defaultValue = "1",
        description = "Pipeline stages the model's architectural stages are grouped into (default: ${DEFAULT-VALUE}).")
    int stages;

    @Option(names = "--eval-batches", defaultValue = "8", description = "Held-out batches to evaluate (default: ${DEFAULT-VALUE}).")
    int evalBatches;

    @Option(names = "--data", description = "Train on this UTF-8 text file (byte-level tokens, vocab 256).")
    Path data;

    @Option(names = "--model", description = "Model config JSON (reference field names); default: the built-in model.")
    Path model;

    @Option(names = "--load", description = "Start from this safetensors checkpoint.")
    Path load;

    @Option(names = "--save", description = "Write the trained weights to this safetensors file.")
    Path save;

    @Option(names = "--json", description = "End with one JSON object on one line.")
    boolean json;

    @Mixin
    BackendOption backendOption;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception
    {
        final ModelConfig config = model == null ? TrainSettings.defaultModel() : ModelConfig.load(model);
        final TokenSource source = data == null ? new SyntheticArithmetic() : TextCorpus.load(data, optim.seq);
        if (config.vocabSize() < 256)
        {
            throw new IllegalArgumentException("the model's vocab_size " + config.vocabSize() +
                " is smaller than the byte-level vocabulary (256)");
        }
        final TrainSettings settings = new TrainSettings(config, optim.seed, steps, optim.batch, optim.seq,
            optim.adamw(), optim.schedule(steps), optim.clip,
            evalBatches);
        final PrintStream err = System.err;
        try (Backend backend = backendOption.create())
        {
            final Pipeline pipeline = new Pipeline(backend, config, stages);
            if (load != null)
            {
                Checkpoints.load(load, pipeline.parameterGroups());
            }
            else
            {
                pipeline.initialise(optim.seed);
            }
            err.printf("train: %,d parameters, %d architectural stages in %d pipeline stage(s), backend %s, data %s%n",
                pipeline.parameterCount(), config.stageCount(), stages, backend.name(), source.describe());
            final Trainer trainer = new Trainer(backend, pipeline, source, settings);
            final Trainer.Result result;
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(err))
                .setUpdateIntervalMillis(250).build())
            {
                result = trainer.run((step, loss, rate, tps) ->
                {
                    bar.stepTo(step);
                    bar.setExtraMessage(String.format("loss %.4f  %,.0f tok/s", loss, tps));
                });
            }
            err.printf("train: final loss %.4f, eval loss %.4f, %,.0f tokens/s, %.1f s%n",
                result.losses()[result.steps() - 1], result.evalLoss(), result.tokensPerSecond(), result.seconds());
            if (save != null)
            {
                Checkpoints.save(save, pipeline.parameterGroups());
                err.println("train: saved " + save);
            }
            if (json)
            {
                final Map<String, Object> out = new LinkedHashMap<>();
                out.put("steps", result.steps());
                out.put("losses", result.losses());
                out.put("eval_loss", result.evalLoss());
                out.put("tokens_per_s", result.tokensPerSecond());
                out.put("seconds", result.seconds());
                out.put("parameters", pipeline.parameterCount());
                out.put("stages", stages);
                out.put("backend", backend.name());
                out.put("seed", optim.seed);
                out.put("model", config.toJson());
                System.out.println(Json.write(out));
            }
            return 0;
        }
    }
}
