package io.iotaj.tools;

import io.iotaj.codecs.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code iotaj bench he} as a user meets it: the --json shape (on the cheap fc1 split) and one-line errors. */
class BenchHeCommandTest
{
    @Test
    @SuppressWarnings("unchecked")
    void jsonHasARowPerMethodAndTheSpeedup()
    {
        final CommandOutput result = CommandOutput.run("bench", "he", "--split", "fc1", "--images", "1", "--warmup", "0",
            "--json");
        assertEquals(0, result.exitCode, result.toString());
        final Map<String, Object> json = Json.parseObject(result.out.strip());
        final List<Object> rows = (List<Object>)json.get("results");
        assertEquals(2, rows.size());
        for (final Object item : rows)
        {
            final Map<String, Object> row = (Map<String, Object>)item;
            assertEquals(List.of("split", "matmul", "images", "median_s", "min_s", "mean_s", "key_switches_per_image",
                "galois_keys"), List.copyOf(row.keySet()));
            assertTrue(((Number)row.get("median_s")).doubleValue() > 0);
        }
        final Map<String, Object> speedup = (Map<String, Object>)json.get("bsgs_speedup_over_diagonal");
        assertTrue(((Number)speedup.get("fc1")).doubleValue() > 0, result.out);
    }

    @Test
    void badInputIsAOneLineErrorWithExitTwo()
    {
        final CommandOutput zero = CommandOutput.run("bench", "he", "--images", "0");
        assertEquals(2, zero.exitCode);
        assertTrue(zero.err.contains("--images must be >= 1"), zero.err);
        final CommandOutput split = CommandOutput.run("bench", "he", "--split", "conv9");
        assertEquals(2, split.exitCode);
        assertTrue(split.err.contains("unknown split 'conv9'"), split.err);
    }
}
