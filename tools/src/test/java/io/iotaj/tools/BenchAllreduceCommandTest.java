package io.iotaj.tools;

import io.iotaj.codecs.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code iotaj bench allreduce} as a user meets it: the --json contract and one-line errors. */
class BenchAllreduceCommandTest
{
    private static final List<String> ROW_KEYS =
        List.of("peers", "sent_per_peer_over_size", "received_per_peer_over_size", "formula_sent", "wall_ms");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture()
    {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore()
    {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonHasTheIssuesShapeAndBytesMatchTheFormula()
    {
        assertEquals(0, Iotaj.execute("bench", "allreduce", "--peers", "2,3,8", "--elements", "5000",
            "--iterations", "1", "--warmup", "0", "--json"));
        final String text = out.toString(StandardCharsets.UTF_8).trim();
        assertEquals(1, text.lines().count(), "one line: " + text);
        final Map<String, Object> json = Json.parseObject(text);
        assertEquals(List.of("butterfly", "ring", "time_ratio_vs_ring_n8"), List.copyOf(json.keySet()));
        for (final String algorithm : List.of("butterfly", "ring"))
        {
            final List<Object> rows = (List<Object>)json.get(algorithm);
            assertEquals(3, rows.size());
            for (final Object item : rows)
            {
                final Map<String, Object> row = (Map<String, Object>)item;
                assertEquals(ROW_KEYS, List.copyOf(row.keySet()));
                final double sent = ((Number)row.get("sent_per_peer_over_size")).doubleValue();
                final double formula = ((Number)row.get("formula_sent")).doubleValue();
                assertEquals(formula, sent, 0.02 * formula, algorithm + " " + row);
                assertEquals(sent, ((Number)row.get("received_per_peer_over_size")).doubleValue(), 0.02 * sent);
                assertTrue(((Number)row.get("wall_ms")).doubleValue() > 0);
            }
        }
        assertTrue(((Number)json.get("time_ratio_vs_ring_n8")).doubleValue() > 0);
    }

    @Test
    void badInputIsAOneLineErrorWithExitTwo()
    {
        assertEquals(2, Iotaj.execute("bench", "allreduce", "--peers", "1"));
        assertEquals(2, Iotaj.execute("bench", "allreduce", "--elements", "0"));
        assertEquals(2, Iotaj.execute("bench", "allreduce", "--transport", "carrier-pigeon"));
        final List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of(
            "iotaj: peers must be in 2..64: 1",
            "iotaj: elements must be >= 1: 0",
            "iotaj: --transport must be rings or aeron-ipc: carrier-pigeon"), lines);
    }
}
