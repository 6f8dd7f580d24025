package io.iotaj.tools;

import io.iotaj.codecs.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

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

    @Test
    void jsonHasEveryFigureTheIssueAsksForOverTheAeronWire(@TempDir final Path dir) throws IOException
    {
        writeIdx(dir, 64, 2);
        final CommandOutput result = CommandOutput.run("he-infer", "--split", "fc1", "--mnist", dir.toString(),
            "--limit", "2", "--epochs", "1", "--cache", dir.resolve("cache").toString(), "--json");
        assertEquals(0, result.exitCode, result.toString());
        assertEquals(1, result.out.strip().lines().count(), result.out);
        final Map<String, Object> json = Json.parseObject(result.out);
        for (final String key : new String[]{"activation_payload_bytes", "result_payload_bytes", "key_bytes", "encrypt_s",
            "decrypt_s", "eval_seconds_per_image", "argmax_agreement", "max_logit_error", "plain_accuracy",
            "encrypted_accuracy", "owner_param_share", "key_bytes_by_kind", "round_trip_seconds_per_image"})
        {
            assertTrue(json.containsKey(key), key + " missing from " + result.out);
        }
        assertEquals("aeron-ipc", json.get("wire"));
        assertEquals(2, ((Number)json.get("images")).intValue());
        assertEquals(1.0, ((Number)json.get("argmax_agreement")).doubleValue());
        assertTrue(run("he-infer", "--role", "data-owner", "--wire", "memory").contains("needs --wire aeron"));
        assertTrue(run("he-infer", "--wire", "pigeon").contains("unknown wire 'pigeon'"));
    }

    /** Four IDX files of random 28x28 images and labels. */
    private static void writeIdx(final Path dir, final int train, final int test) throws IOException
    {
        final SplittableRandom random = new SplittableRandom(1);
        for (final String prefix : new String[]{"train", "t10k"})
        {
            final int count = prefix.equals("train") ? train : test;
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte"))))
            {
                out.writeInt(0x803);
                out.writeInt(count);
                out.writeInt(28);
                out.writeInt(28);
                for (int i = 0; i < count * 28 * 28; i++)
                {
                    out.writeByte(random.nextInt(256));
                }
            }
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte"))))
            {
                out.writeInt(0x801);
                out.writeInt(count);
                for (int i = 0; i < count; i++)
                {
                    out.writeByte(random.nextInt(10));
                }
            }
        }
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
