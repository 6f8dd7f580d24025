package io.iotaj.tools;

import io.iotaj.codecs.json.Json;
import io.iotaj.codecs.json.JsonFields;
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

class ScoresCommandTest
{
    @TempDir
    Path dir;

    @Test
    void simulatesFoldsAndPrintsTheLatestWindowAsJson()
    {
        final String out = run(0, "scores", "--dir", dir.toString(), "--simulate", "--seed", "3", "--json",
            "--adversaries", "lazy:1", "--estimator", "additive");
        final Map<String, Object> report = Json.parseObject(out.trim());
        final List<?> windows = (List<?>)report.get("windows");
        assertEquals(1, windows.size());
        @SuppressWarnings("unchecked")
        final JsonFields window = new JsonFields((Map<String, Object>)windows.get(0), "window");
        assertEquals(3, window.integer("window"));
        assertEquals("additive", window.string("estimator"));
        double paid = 0;
        for (final Object miner : window.list("miners"))
        {
            @SuppressWarnings("unchecked")
            final JsonFields m = new JsonFields((Map<String, Object>)miner, "miner");
            paid += m.number("share");
            if (Boolean.TRUE.equals(m.raw("flagged")))
            {
                assertEquals(0.0, m.number("share"));
            }
        }
        assertEquals(1.0, paid + window.number("burn"), 1e-9);

        // folding again adds nothing; the table shows the last two windows
        final String table = run(0, "scores", "--dir", dir.toString(), "--fold", "--windows", "2");
        assertTrue(table.contains("window 2 ") && table.contains("window 3 "), table);
        assertTrue(table.contains("estimator additive"), table);
    }

    @Test
    void missingHistoryIsABadInputError()
    {
        run(2, "scores", "--dir", dir.resolve("nothing").toString());
        run(2, "scores", "--dir", dir.toString(), "--fold", "--verbose");
    }

    private static String run(final int expectedExit, final String... args)
    {
        final PrintStream original = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        final int exit;
        try
        {
            exit = Iotaj.execute(args);
        }
        finally
        {
            System.setOut(original);
        }
        final String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, exit, out);
        return out;
    }
}
