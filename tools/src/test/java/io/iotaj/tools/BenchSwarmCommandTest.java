package io.iotaj.tools;

import io.iotaj.codecs.json.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchSwarmCommandTest
{
    @Test
    void jsonModeReportsBothRatesAndTheWireAtTheDefaultCompression()
    {
        final PrintStream original = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final int exit;
        try
        {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = Iotaj.execute("bench", "swarm", "--json", "--stages", "2", "--steps", "2", "--rounds", "1");
        }
        finally
        {
            System.setOut(original);
        }
        assertEquals(0, exit);
        final String out = captured.toString(StandardCharsets.UTF_8).trim();
        assertEquals(1, out.lines().count(), out);
        final Map<String, Object> json = Json.parseObject(out);
        assertTrue(((Number)json.get("train_tokens_per_s")).doubleValue() > 0);
        assertTrue(((Number)json.get("swarm_tokens_per_s")).doubleValue() > 0);
        // wire size is deterministic: one int8 channel per token plus the frame's header, scales and pathway
        assertTrue(((Number)json.get("compression_ratio")).doubleValue() >= 128, out);
    }

    @Test
    void nonPositiveCountsAreInputErrors()
    {
        assertEquals(2, Iotaj.execute("bench", "swarm", "--steps", "0"));
        assertEquals(2, Iotaj.execute("bench", "swarm", "--compression", "zip"));
    }
}
