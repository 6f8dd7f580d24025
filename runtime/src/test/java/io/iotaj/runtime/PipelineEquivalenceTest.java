package io.iotaj.runtime;

import io.iotaj.kernels.AdamWConfig;
import io.iotaj.kernels.cpu.CpuBackend;
import io.iotaj.runtime.checkpoint.Checkpoints;
import io.iotaj.runtime.data.SyntheticArithmetic;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.train.LrSchedule;
import io.iotaj.runtime.train.Pipeline;
import io.iotaj.runtime.train.TrainSettings;
import io.iotaj.runtime.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Grouping the architectural stages into 1, 2 or 4 pipeline stages gives the same training numbers. */
class PipelineEquivalenceTest
{
    private static final ModelConfig SMALL = new ModelConfig(256, 32, 8, 4, 2, 64, 4, 32, 10000.0, 1e-5f,
        List.of(new int[]{0, 2}, new int[]{2, 4}, new int[]{4, 6}, new int[]{6, 8}));

    private static TrainSettings settings(final ModelConfig model, final int steps)
    {
        return new TrainSettings(model, 5, steps, 4, 20, new AdamWConfig(3e-3f, 0.9f, 0.95f, 1e-8f, 0.1f),
            new LrSchedule(3e-3, 2, steps, 0.1), 0.5, 2);
    }

    private static Trainer.Result train(final ModelConfig model, final int stages, final int steps)
    {
        final CpuBackend be = new CpuBackend();
        final Pipeline pipe = new Pipeline(be, model, stages);
        pipe.initialise(5);
        return new Trainer(be, pipe, new SyntheticArithmetic(), settings(model, steps)).run((s, l, lr, tps) -> { });
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 0})
    void stagesGroupedDifferentlyTrainIdentically(final int bottleneck)
    {
        final ModelConfig model = SMALL.withBottleneck(bottleneck);
        final Trainer.Result one = train(model, 1, 6);
        for (final int k : new int[]{2, 4})
        {
            final Trainer.Result other = train(model, k, 6);
            for (int i = 0; i < 6; i++)
            {
                assertEquals(one.losses()[i], other.losses()[i], 1e-5, "K=" + k + " step " + (i + 1));
            }
            assertEquals(one.evalLoss(), other.evalLoss(), 1e-5);
        }
        assertTrue(one.losses()[5] < one.losses()[0], "loss falls over six steps");
    }

    @Test
    void rejectsMoreStagesThanTheArchitectureHas()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new Pipeline(new CpuBackend(), SMALL, 5));
        assertTrue(ex.getMessage().contains("choose 1..4"), ex.getMessage());
    }

    @Test
    void checkpointRoundTripsEveryParameter(@TempDir final Path dir) throws Exception
    {
        final CpuBackend be = new CpuBackend();
        final Pipeline a = new Pipeline(be, SMALL, 2);
        a.initialise(9);
        final Path file = dir.resolve("model.safetensors");
        Checkpoints.save(file, a.parameterGroups());
        final Pipeline b = new Pipeline(be, SMALL, 4);
        Checkpoints.load(file, b.parameterGroups());
        for (int g = 0; g < 4; g++)
        {
            final var av = a.parameterGroups().get(g).values();
            final var bv = b.parameterGroups().get(g).values();
            assertEquals(av.keySet(), bv.keySet());
            av.forEach((name, v) -> assertArrayEquals(v, bv.get(name), name));
        }
    }

    @Test
    void stageInitialisationDoesNotDependOnGrouping()
    {
        final CpuBackend be = new CpuBackend();
        final Pipeline whole = new Pipeline(be, SMALL, 1);
        whole.initialise(3);
        final Pipeline split = new Pipeline(be, SMALL, 4);
        split.initialise(3);
        final var w = whole.parameterGroups().get(2).values();
        split.parameterGroups().get(2).values().forEach((name, v) -> assertArrayEquals(w.get(name), v, name));
    }
}
