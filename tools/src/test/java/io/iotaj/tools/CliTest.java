package io.iotaj.tools;

import io.iotaj.codecs.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The command line as a user meets it: exit codes, one-line errors, the --json contract. */
class CliTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut, savedErr;

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

    private String stderr()
    {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void trainPrintsOneJsonLineWithTheContractKeys(@TempDir final Path dir)
    {
        final Path ckpt = dir.resolve("m.safetensors");
        assertEquals(0, Iotaj.execute("train", "--steps", "3", "--batch", "2", "--seq", "16", "--eval-batches", "1",
            "--stages", "2", "--save", ckpt.toString(), "--json"));
        final String[] lines = out.toString(StandardCharsets.UTF_8).trim().split("\n");
        final Map<String, Object> json = Json.parseObject(lines[lines.length - 1]);
        assertEquals(3L, json.get("steps"));
        assertEquals(3, ((List<?>)json.get("losses")).size());
        assertTrue(((Number)json.get("eval_loss")).doubleValue() > 0);
        assertTrue(((Number)json.get("tokens_per_s")).doubleValue() > 0);
        assertTrue(Files.isRegularFile(ckpt));
        out.reset();
        assertEquals(0, Iotaj.execute("train", "--steps", "1", "--batch", "2", "--seq", "16", "--eval-batches", "0",
            "--load", ckpt.toString()));
    }

    @Test
    void badInputExitsTwoWithOneLineAndNoStackTrace(@TempDir final Path dir) throws Exception
    {
        final Path binary = Files.write(dir.resolve("bin.txt"), new byte[]{(byte)0xFF, (byte)0xFE, 0, 1});
        assertEquals(2, Iotaj.execute("train", "--data", binary.toString()));
        assertEquals("iotaj: " + binary + ": not valid UTF-8 text", stderr().trim());

        err.reset();
        final Path cfg = Files.writeString(dir.resolve("config.json"), "{\"dim\": 1");
        assertEquals(2, Iotaj.execute("train", "--model", cfg.toString()));
        assertTrue(stderr().trim().startsWith("iotaj: " + cfg + ": bad JSON"), stderr());
        assertEquals(1, stderr().trim().split("\n").length);

        err.reset();
        assertEquals(2, Iotaj.execute("reference-check", "--golden", dir.resolve("nope").toString()));
        assertEquals("iotaj: " + dir.resolve("nope") + ": not a directory", stderr().trim());

        err.reset();
        assertEquals(2, Iotaj.execute("train", "--data", binary.toString(), "--verbose"));
        assertTrue(stderr().contains("\tat "), "--verbose prints the stack trace");
    }

    @Test
    void referenceCheckPassesOnSharedGolden()
    {
        final String shared = System.getProperty("iotaj.shared.dir");
        final Path golden = shared == null ? null : Path.of(shared, "golden", "tiny-2stage");
        org.junit.jupiter.api.Assumptions.assumeTrue(golden != null && Files.isDirectory(golden),
            "skipped: ../shared/golden/tiny-2stage not found");
        assertEquals(0, Iotaj.execute("reference-check", "--golden", golden.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("reference-check: PASS"));
    }
}
