package io.iotaj.bench.swarm;

import io.iotaj.codecs.json.JsonWritable;
import io.iotaj.kernels.AdamWConfig;
import io.iotaj.kernels.Backend;
import io.iotaj.runtime.data.SyntheticArithmetic;
import io.iotaj.runtime.data.TokenSource;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.swarm.Compression;
import io.iotaj.runtime.swarm.SwarmRun;
import io.iotaj.runtime.swarm.SwarmSettings;
import io.iotaj.runtime.swarm.Validation;
import io.iotaj.runtime.train.LrSchedule;
import io.iotaj.runtime.train.Pipeline;
import io.iotaj.runtime.train.TrainSettings;
import io.iotaj.runtime.train.Trainer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The price of distribution: the same model, data and steps trained by {@code train} in one process and by
 * a one-replica swarm (one miner per stage, every activation and gradient crossing Aeron as a frame), in
 * one run, alternating A B A B and keeping each side's best so that JIT warm-up and machine noise do not
 * favour either. Also reports the swarm's wire bytes per token per boundary against a full-width bf16
 * activation.
 */
public final class SwarmBench
{
    private static final AdamWConfig ADAMW = new AdamWConfig(3e-3f, 0.9f, 0.95f, 1e-8f, 0.1f);

    /** What to run: pipeline stages, optimizer steps per measurement, micro-batch shape, and the boundary codec. */
    public record Settings(int stages, int steps, int batch, int seq, long seed, Compression compression, int rounds)
    {
        public static Settings standard()
        {
            return new Settings(4, 30, 16, 64, 1, Compression.BOTTLENECK_Q8C, 2);
        }
    }

    /** Best tokens/s of each side, and the swarm's wire figures. */
    public record Report(Settings settings, double trainTokensPerSecond, double swarmTokensPerSecond,
        double wireBytesPerToken, double bf16BytesPerToken) implements JsonWritable
    {
        public double ratio()
        {
            return swarmTokensPerSecond / trainTokensPerSecond;
        }

        public double compression()
        {
            return bf16BytesPerToken / wireBytesPerToken;
        }

        @Override
        public Object toJson()
        {
            final Map<String, Object> json = new LinkedHashMap<>();
            json.put("stages", settings.stages());
            json.put("replicas", 1);
            json.put("steps", settings.steps());
            json.put("tokens_per_step", settings.batch() * settings.seq());
            json.put("compression", settings.compression().name().toLowerCase());
            json.put("train_tokens_per_s", round(trainTokensPerSecond));
            json.put("swarm_tokens_per_s", round(swarmTokensPerSecond));
            json.put("swarm_over_train", Math.round(ratio() * 1000) / 1000.0);
            json.put("wire_bytes_per_token", Math.round(wireBytesPerToken * 1000) / 1000.0);
            json.put("bf16_bytes_per_token", bf16BytesPerToken);
            json.put("compression_ratio", round(compression()));
            return json;
        }

        public String table()
        {
            return String.format("train (one process)          %,10.0f tokens/s%n" +
                    "swarm (%d stages x 1 replica)  %,10.0f tokens/s   %.1f%% of train%n" +
                    "wire                          %10.3f bytes/token/boundary (full-width bf16 %.0f): %.1fx less%n",
                trainTokensPerSecond, settings.stages(), swarmTokensPerSecond, 100 * ratio(), wireBytesPerToken,
                bf16BytesPerToken, compression());
        }

        private static double round(final double v)
        {
            return Math.round(v * 10) / 10.0;
        }
    }

    private final Settings s;
    private final Backend backend;
    private final Consumer<String> progress;

    public SwarmBench(final Settings settings, final Backend backend, final Consumer<String> progress)
    {
        this.s = settings;
        this.backend = backend;
        this.progress = progress;
    }

    public Report run()
    {
        final ModelConfig model = s.compression() == Compression.NONE ? TrainSettings.defaultModel().withBottleneck(0) :
            TrainSettings.defaultModel();
        final TokenSource data = new SyntheticArithmetic();
        double train = 0, swarm = 0, wire = 0;
        for (int round = 0; round < s.rounds(); round++)
        {
            progress.accept("train, round " + (round + 1) + " ...");
            train = Math.max(train, train(model, data));
            progress.accept("swarm, round " + (round + 1) + " ...");
            final SwarmRun.Result r = SwarmRun.run(swarmSettings(model), backend, data, 0, 600_000,
                (st, l, alive, phase, tps) -> { });
            swarm = Math.max(swarm, r.tokensPerSecond());
            wire = r.wireBytesPerToken();
        }
        return new Report(s, train, swarm, wire, 2.0 * model.dim());
    }

    private double train(final ModelConfig model, final TokenSource data)
    {
        final TrainSettings settings = new TrainSettings(model, s.seed(), s.steps(), s.batch(), s.seq(), ADAMW,
            schedule(), 1.0, 0);
        final Pipeline pipeline = new Pipeline(backend, model, s.stages());
        pipeline.initialise(s.seed());
        return new Trainer(backend, pipeline, data, settings).run((step, loss, rate, tps) -> { }).tokensPerSecond();
    }

    private SwarmSettings swarmSettings(final ModelConfig model)
    {
        return new SwarmSettings(model, s.stages(), 1, s.steps(), s.batch(), s.seq(), s.seed(), s.compression(), 2,
            ADAMW, schedule(), 1.0, 1, 1.0, 30_000, 120_000, 60_000, s.seed(), Validation.OFF);
    }

    private LrSchedule schedule()
    {
        return new LrSchedule(ADAMW.lr(), 5, s.steps(), 0.1);
    }
}
