package io.iotaj.runtime.swarm;

import io.iotaj.kernels.AdamWConfig;
import io.iotaj.runtime.data.DataSpec;
import io.iotaj.runtime.train.LrSchedule;
import io.iotaj.runtime.train.TrainSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunPlanTest
{
    private static SwarmSettings settings()
    {
        return new SwarmSettings(TrainSettings.defaultModel(), 2, 3, 17, 4, 32, 99, Compression.BOTTLENECK_Q8C, 2,
            new AdamWConfig(3e-3f, 0.9f, 0.95f, 1e-8f, 0.1f), new LrSchedule(3e-3, 5, 17, 0.1), 1.0, 2, 0.75, 4_500,
            30_000, 20_000, 1234, Validation.iota(0.3));
    }

    @Test
    void aPlanSurvivesTheWireExactly()
    {
        final RunPlan plan = new RunPlan(settings(), new DataSpec("/data/corpus.txt", 4096));
        final RunPlan back = RunPlan.fromJson(plan.toJson());
        assertEquals(plan.toJson(), back.toJson());
        assertEquals(plan.settings().adamw(), back.settings().adamw(), "floats round-trip bit for bit");
        assertEquals(plan.settings().validation(), back.settings().validation());
        assertEquals(plan.data(), back.data());
        assertEquals(DataSpec.GENERATED, RunPlan.fromJson(new RunPlan(settings(), DataSpec.GENERATED).toJson()).data());
    }

    @Test
    void aBrokenPlanIsAnErrorThatSaysWhy()
    {
        final String json = new RunPlan(settings(), DataSpec.GENERATED).toJson();
        final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
            () -> RunPlan.fromJson(json.replace("\"replicas\"", "\"replica\"")));
        assertTrue(missing.getMessage().contains("replicas"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RunPlan.fromJson(json.replace("BOTTLENECK_Q8C", "ZIP")));
        assertThrows(IllegalArgumentException.class, () -> RunPlan.fromJson("{\"stages\": 2"));
        assertThrows(IllegalArgumentException.class, () -> RunPlan.fromJson(json.replace("\"stages\":2", "\"stages\":-1")));
    }
}
