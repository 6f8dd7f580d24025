package io.iotaj.runtime;

import io.iotaj.runtime.data.SyntheticArithmetic;
import io.iotaj.runtime.data.TextCorpus;
import io.iotaj.runtime.data.TokenSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class DataTest
{
    @Test
    void samplesArePureFunctionsOfSeedAndIdAndTargetsAreShifted()
    {
        final SyntheticArithmetic data = new SyntheticArithmetic();
        final int[] t1 = new int[64], y1 = new int[64], t2 = new int[64], y2 = new int[64];
        data.sample(4, TokenSource.Split.TRAIN, 123, 64, t1, y1, 0);
        data.sample(4, TokenSource.Split.TRAIN, 123, 64, t2, y2, 0);
        assertArrayEquals(t1, t2);
        assertArrayEquals(y1, y2);
        for (int i = 0; i + 1 < 64; i++)
        {
            assertEquals(t1[i + 1], y1[i]);
        }
        data.sample(4, TokenSource.Split.EVAL, 123, 64, t2, y2, 0);
        assertFalse(java.util.Arrays.equals(t1, t2), "eval split differs from train");
    }

    @Test
    void arithmeticLinesHoldCorrectSums()
    {
        final int[] t = new int[200], y = new int[200];
        new SyntheticArithmetic().sample(1, TokenSource.Split.TRAIN, 0, 200, t, y, 0);
        final StringBuilder sb = new StringBuilder();
        for (final int c : t)
        {
            sb.append((char)c);
        }
        final String[] lines = sb.toString().split("\n");
        int checked = 0;
        for (int i = 1; i < lines.length - 1; i++)
        {
            final String[] parts = lines[i].split("[+=]");
            assertEquals(Integer.parseInt(parts[0]) + Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), lines[i]);
            checked++;
        }
        assertTrue(checked >= 15);
    }

    @Test
    void textCorpusRejectsEmptyShortAndNonUtf8Files(@TempDir final Path dir) throws Exception
    {
        final Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
        assertEquals(empty + ": file is empty",
            assertThrows(IllegalArgumentException.class, () -> TextCorpus.load(empty, 8)).getMessage());
        final Path binary = Files.write(dir.resolve("bin.txt"), new byte[]{'a', (byte)0xC3, (byte)0x28, 'b'});
        assertEquals(binary + ": not valid UTF-8 text",
            assertThrows(IllegalArgumentException.class, () -> TextCorpus.load(binary, 8)).getMessage());
        final Path shortFile = Files.writeString(dir.resolve("short.txt"), "hello");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TextCorpus.load(shortFile, 8)).getMessage()
            .contains("too short"));
        final Path ok = Files.writeString(dir.resolve("ok.txt"), "to be or not to be, that is the question. ".repeat(20),
            StandardCharsets.UTF_8);
        final TextCorpus corpus = TextCorpus.load(ok, 16);
        final int[] t = new int[16], y = new int[16];
        corpus.sample(1, TokenSource.Split.EVAL, 0, 16, t, y, 0);
        assertTrue(t[0] >= 0 && t[0] < 256);
        assertThrows(java.io.IOException.class, () -> TextCorpus.load(dir.resolve("missing.txt"), 8));
    }
}
