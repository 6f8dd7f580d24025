package io.iotaj.runtime.claspsim;

import io.iotaj.codecs.json.Json;
import io.iotaj.kernels.AdamWConfig;
import io.iotaj.kernels.Backend;
import io.iotaj.runtime.checkpoint.Safetensors;
import io.iotaj.runtime.data.TokenSource;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.model.Parameter;
import io.iotaj.runtime.model.Parameters;
import io.iotaj.runtime.train.LrSchedule;
import io.iotaj.runtime.train.Pipeline;
import io.iotaj.runtime.train.TrainSettings;
import io.iotaj.runtime.train.Trainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole model's weights at evenly spaced steps of one ordinary pre-training run ({@link Trainer} on the
 * pipeline's stages, AdamW, warm-up then cosine decay to a tenth): checkpoint i is the state after
 * {@code pretrainSteps + i * checkpointEvery} steps. Cached as safetensors under a directory keyed by a hash
 * of everything that determines them, so a repeated simulation skips the training.
 */
public final class CheckpointSeries
{
    private static final String VERSION = "claspsim-checkpoints-v1";

    private final ModelConfig config;
    private final List<Map<String, float[]>> values;
    private final Map<String, int[]> shapes;
    private final int[] steps;
    private final boolean cached;
    private final long trainCpuNanos;

    private CheckpointSeries(final ModelConfig config, final List<Map<String, float[]>> values,
        final Map<String, int[]> shapes, final int[] steps, final boolean cached, final long trainCpuNanos)
    {
        this.config = config;
        this.values = values;
        this.shapes = shapes;
        this.steps = steps;
        this.cached = cached;
        this.trainCpuNanos = trainCpuNanos;
    }

    /** Loads the series from {@code cacheRoot} (null: no cache) or trains it and stores it there. */
    public static CheckpointSeries obtain(final Backend backend, final ClaspSimSettings s, final TokenSource data,
        final Path cacheRoot, final PrintStream log) throws IOException
    {
        final ModelConfig config = s.model();
        final int[] steps = new int[s.checkpoints()];
        for (int i = 0; i < steps.length; i++)
        {
            steps[i] = s.pretrainSteps + i * s.checkpointEvery;
        }
        final TrainSettings train = trainSettings(s, config, steps[steps.length - 1]);
        final Path dir = cacheRoot == null ? null : cacheRoot.resolve(key(train, data, steps));
        if (dir != null && Files.isRegularFile(dir.resolve("complete")))
        {
            final CheckpointSeries loaded = load(config, dir, steps);
            log.printf("clasp-sim: %d checkpoints (steps %d..%d) from %s%n", steps.length, steps[0],
                steps[steps.length - 1], dir);
            return loaded;
        }
        final CheckpointSeries trained = train(backend, train, data, steps, log);
        if (dir != null)
        {
            trained.store(dir);
        }
        return trained;
    }

    public ModelConfig config()
    {
        return config;
    }

    public int size()
    {
        return values.size();
    }

    /** Pre-training steps behind checkpoint i. */
    public int step(final int index)
    {
        return steps[index];
    }

    /** Name to values of checkpoint i (shared: do not modify). */
    public Map<String, float[]> values(final int index)
    {
        return values.get(index);
    }

    public Map<String, int[]> shapes()
    {
        return shapes;
    }

    /** True when read from the cache rather than trained in this process. */
    public boolean cached()
    {
        return cached;
    }

    /** CPU time of the pre-training (all threads), 0 when cached. */
    public long trainCpuNanos()
    {
        return trainCpuNanos;
    }

    private static TrainSettings trainSettings(final ClaspSimSettings s, final ModelConfig config, final int total)
    {
        final int warmup = Math.min(20, total);
        return new TrainSettings(config, s.seed(), total, s.pretrainBatch, s.seqLen,
            new AdamWConfig((float)s.learningRate, 0.9f, 0.95f, 1e-8f, 0.1f),
            new LrSchedule(s.learningRate, warmup, total, 0.1), 1.0, 0);
    }

    private static CheckpointSeries train(final Backend backend, final TrainSettings train, final TokenSource data,
        final int[] steps, final PrintStream log)
    {
        final Pipeline pipeline = new Pipeline(backend, train.model());
        pipeline.initialise(train.seed());
        final Trainer trainer = new Trainer(backend, pipeline, data, train);
        final List<Map<String, float[]>> values = new ArrayList<>();
        final double[] lastLoss = new double[1];
        final long cpuStart = CpuClock.allThreads();
        final long start = System.nanoTime();
        trainer.run((step, loss, lr, tokensPerSecond) ->
        {
            lastLoss[0] = loss;
            if (values.size() < steps.length && step == steps[values.size()])
            {
                values.add(snapshot(pipeline.parameterGroups()));
            }
        });
        final long cpu = CpuClock.allThreads() - cpuStart;
        log.printf("clasp-sim: pre-trained %,d parameters for %d steps in %.1f s (last loss %.3f), " +
            "%d checkpoints from step %d%n", pipeline.parameterCount(), train.steps(),
            (System.nanoTime() - start) / 1e9, lastLoss[0], steps.length, steps[0]);
        final Map<String, int[]> shapes = new LinkedHashMap<>();
        for (final Parameters group : pipeline.parameterGroups())
        {
            for (final Parameter p : group.all())
            {
                shapes.put(p.name(), p.shape());
            }
        }
        return new CheckpointSeries(train.model(), values, shapes, steps, false, cpu);
    }

    private static Map<String, float[]> snapshot(final List<Parameters> groups)
    {
        final Map<String, float[]> out = new LinkedHashMap<>();
        for (final Parameters g : groups)
        {
            out.putAll(g.values());
        }
        return out;
    }

    private void store(final Path dir) throws IOException
    {
        Files.createDirectories(dir);
        for (int i = 0; i < values.size(); i++)
        {
            final Path tmp = dir.resolve(fileName(steps[i]) + ".tmp");
            Safetensors.writeF32(tmp, values.get(i), shapes);
            Files.move(tmp, dir.resolve(fileName(steps[i])), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        }
        Files.writeString(dir.resolve("model.json"), Json.write(config.toJson()) + "\n");
        Files.writeString(dir.resolve("complete"), "");
    }

    private static CheckpointSeries load(final ModelConfig config, final Path dir, final int[] steps)
        throws IOException
    {
        final List<Map<String, float[]>> values = new ArrayList<>();
        Map<String, int[]> shapes = null;
        for (final int step : steps)
        {
            final Map<String, float[]> v = new LinkedHashMap<>();
            final Map<String, int[]> sh = new LinkedHashMap<>();
            for (final Safetensors.Entry e : Safetensors.read(dir.resolve(fileName(step))).values())
            {
                if (e.f32() == null)
                {
                    throw new IOException(dir + ": tensor " + e.name() + " is not F32");
                }
                v.put(e.name(), e.f32());
                sh.put(e.name(), e.shape());
            }
            values.add(v);
            shapes = sh;
        }
        return new CheckpointSeries(config, values, shapes, steps, true, 0);
    }

    private static String fileName(final int step)
    {
        return String.format("step-%06d.safetensors", step);
    }

    /** Hash of everything the checkpoints depend on. */
    private static String key(final TrainSettings t, final TokenSource data, final int[] steps)
    {
        final String text = VERSION + "|" + Json.write(t.model().toJson()) + "|seed=" + t.seed() + "|batch=" +
            t.batch() + "|seq=" + t.seqLen() + "|adamw=" + t.adamw() + "|schedule=" + t.schedule() + "|clip=" +
            t.clipNorm() + "|data=" + data.describe() + "|steps=" + java.util.Arrays.toString(steps);
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
