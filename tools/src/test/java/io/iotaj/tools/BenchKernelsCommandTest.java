package io.iotaj.tools;

import io.iotaj.codecs.json.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchKernelsCommandTest
{
    @Test
    void jsonModePrintsOneObjectOnOneLineWithEveryGemmCase()
    {
        final PrintStream original = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final int exit;
        try
        {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = Iotaj.execute("bench", "kernels", "--json", "--no-stage", "--seconds", "0.01");
        }
        finally
        {
            System.setOut(original);
        }
        assertEquals(0, exit);
        final String out = captured.toString(StandardCharsets.UTF_8).trim();
        assertEquals(1, out.lines().count(), out);
        final Map<String, Object> json = Json.parseObject(out);
        assertTrue(((Number)json.get("peak_gflops")).doubleValue() > 0);
        assertEquals(9, ((List<?>)json.get("gemm")).size());
    }

    @Test
    void aBadTimeBudgetIsAnInputError()
    {
        assertEquals(2, Iotaj.execute("bench", "kernels", "--seconds", "0"));
        assertEquals(2, Iotaj.execute("bench", "kernels", "--seconds", "-1"));
    }
}
