package io.iotaj.tools;

import io.iotaj.codecs.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaspSimCommandTest
{
    @TempDir
    Path cache;

    /** 2 stages x 4 replicas of a briefly pre-trained model, 400 samples: the noisy miner is flagged. */
    @Test
    @SuppressWarnings("unchecked")
    void flagsTheNoisyMinerOnTheRealModel() throws Exception
    {
        final CommandOutput run = CommandOutput.run("clasp-sim", "--stages", "2", "--replicas", "4", "--samples", "400",
            "--adversaries", "noise:1", "--seed", "5", "--pretrain-steps", "200", "--truth-samples", "16",
            "--flag-stride", "100", "--cache", cache.toString(), "--json");
        assertEquals(0, run.exitCode, run.toString());
        final List<String> lines = run.out.lines().toList();
        assertEquals(1, lines.size(), run.out);
        final Map<String, Object> report = Json.parseObject(lines.get(0));
        final Map<String, Object> estimators = (Map<String, Object>)report.get("estimators");
        assertEquals(List.of("marginal", "additive", "interaction"), List.copyOf(estimators.keySet()));
        for (final Object value : estimators.values())
        {
            final Map<String, Object> e = (Map<String, Object>)value;
            for (final String key : List.of("auc", "precision", "recall", "false_positive_rate", "spearman",
                "samples_to_flag", "cpu_share"))
            {
                assertTrue(e.containsKey(key), key + " in " + e);
            }
            final double share = ((Number)e.get("cpu_share")).doubleValue();
            assertTrue(share > 0 && share < 0.05, "cpu_share " + share);
        }
        // the additive estimator ranks and flags the noisy miner
        final Map<String, Object> additive = (Map<String, Object>)estimators.get("additive");
        assertEquals(1.0, ((Number)additive.get("auc")).doubleValue(), 1e-9, additive.toString());
        assertEquals(1.0, ((Number)additive.get("recall")).doubleValue(), 1e-9, additive.toString());
        final Map<String, Object> toFlag = (Map<String, Object>)additive.get("samples_to_flag");
        assertEquals(1, toFlag.size());
        assertTrue(toFlag.keySet().iterator().next().startsWith("noise:"), toFlag.toString());
        assertNotNull(toFlag.values().iterator().next(), toFlag.toString());
        assertEquals(8, ((List<?>)report.get("miners")).size());
        assertTrue(Files.isRegularFile(Files.list(cache).findFirst().orElseThrow().resolve("complete")));
    }

    @Test
    void badSettingsAreOneLineErrorsWithExitTwo()
    {
        for (final String[] args : List.of(
            new String[]{"--adversaries", "sloth:1"},
            new String[]{"--stages", "1"},
            new String[]{"--replicas", "1"},
            new String[]{"--samples", "0"},
            new String[]{"--replicas", "4", "--adversaries", "noise:5"},
            new String[]{"--pretrain-steps", "100"}))
        {
            final String[] command = new String[args.length + 1];
            command[0] = "clasp-sim";
            System.arraycopy(args, 0, command, 1, args.length);
            final CommandOutput run = CommandOutput.run(command);
            assertEquals(2, run.exitCode, run.toString());
            assertTrue(run.err.startsWith("iotaj: "), run.err);
            assertEquals(1, run.err.strip().lines().count(), run.err);
        }
    }
}
