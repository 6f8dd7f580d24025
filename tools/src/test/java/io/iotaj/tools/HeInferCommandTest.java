package io.iotaj.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeInferCommandTest
{
    @Test
    void badInputIsAOneLineErrorWithExitTwo(@TempDir final Path empty)
    {
        final String missing = run("he-infer", "--mnist", empty.toString(), "--limit", "1");
        assertTrue(missing.contains("needs an MNIST IDX directory"), missing);
        assertEquals(1, missing.strip().lines().count(), missing);
        assertTrue(run("he-infer", "--split", "conv3").contains("unknown split 'conv3'"));
        assertTrue(run("he-infer", "--matmul", "fast").contains("unknown matmul method 'fast'"));
    }

    private static String run(final String... args)
    {
        final PrintStream saved = System.err;
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try
        {
            assertEquals(2, Iotaj.execute(args));
        }
        finally
        {
            System.setErr(saved);
        }
        return err.toString(StandardCharsets.UTF_8);
    }
}
