package io.iotaj.tools;

import io.iotaj.codecs.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCommandTest
{
    private static final List<String> MINER_KEYS = List.of("stage", "samples", "validations_passed",
        "validations_failed", "score", "clasp_credit", "emission_share");

    @Test
    void jsonSummaryHasEveryKeyTheSwarmPromises(@TempDir final Path dir)
    {
        final PrintStream original = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final int exit;
        try
        {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            // the default micro-batch (16 x 64 tokens): the frame header is then negligible, as in a real run
            exit = Iotaj.execute("demo", "--steps", "3", "--replicas", "2", "--eval-batches", "1", "--validate", "1", "--run-dir", dir.resolve("run").toString(), "--json");
        }
        finally
        {
            System.setOut(original);
        }
        assertEquals(0, exit);
        final String out = captured.toString(StandardCharsets.UTF_8).trim();
        assertEquals(1, out.lines().count(), out);
        final Map<String, Object> json = Json.parseObject(out);
        for (final String key : List.of("steps", "losses", "train_loss", "eval_loss", "tokens_per_s",
            "wire_bytes_per_token", "compression_ratio", "merges", "evicted", "reissued", "samples_dispatched",
            "samples_completed"))
        {
            assertTrue(json.containsKey(key), key);
        }
        assertEquals(3, ((Number)json.get("steps")).intValue());
        assertEquals(json.get("samples_dispatched"), json.get("samples_completed"));
        assertTrue(((Number)json.get("compression_ratio")).doubleValue() >= 128, "default compression");
        final List<?> miners = (List<?>)json.get("miners");
        assertEquals(4, miners.size());
        for (final Object m : miners)
        {
            for (final String key : MINER_KEYS)
            {
                assertTrue(((Map<?, ?>)m).containsKey(key), key);
            }
        }
    }

    @Test
    void unknownOptionsValuesAreInputErrors()
    {
        assertEquals(2, Iotaj.execute("demo", "--adversary", "saboteur"));
        assertEquals(2, Iotaj.execute("demo", "--compression", "zip"));
        assertEquals(2, Iotaj.execute("demo", "--stages", "9"));
    }
}
