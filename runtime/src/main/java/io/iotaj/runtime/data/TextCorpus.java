package io.iotaj.runtime.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Any UTF-8 text file as byte tokens. The last tenth (at least one window) is held out for evaluation;
 * a sample is a window at a position drawn from (seed, split, sample id).
 */
public final class TextCorpus implements TokenSource
{
    private final String name;
    private final byte[] bytes;
    private final int evalStart;

    private TextCorpus(final String name, final byte[] bytes, final int evalStart)
    {
        this.name = name;
        this.bytes = bytes;
        this.evalStart = evalStart;
    }

    /** Loads and checks a file: it must exist, be valid UTF-8 and hold at least two windows of seqLen + 1 bytes. */
    public static TextCorpus load(final Path path, final int seqLen) throws IOException
    {
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(path);
        }
        catch (final NoSuchFileException ex)
        {
            throw new IOException(path + ": no such file");
        }
        if (bytes.length == 0)
        {
            throw new IllegalArgumentException(path + ": file is empty");
        }
        try
        {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        }
        catch (final CharacterCodingException ex)
        {
            throw new IllegalArgumentException(path + ": not valid UTF-8 text");
        }
        final int window = seqLen + 1;
        if (bytes.length < 2 * window)
        {
            throw new IllegalArgumentException(path + ": " + bytes.length + " bytes is too short for two windows of " +
                window + " bytes (train and eval)");
        }
        final int evalStart = Math.min(bytes.length - window, bytes.length - Math.max(window, bytes.length / 10));
        return new TextCorpus(path.getFileName().toString(), bytes, evalStart);
    }

    @Override
    public String describe()
    {
        return name + " (" + bytes.length + " bytes, byte-level tokens)";
    }

    @Override
    public void sample(final long seed, final Split split, final long sampleId, final int seqLen, final int[] tokens,
        final int[] targets, final int off)
    {
        final int from = split == Split.TRAIN ? 0 : evalStart;
        final int to = split == Split.TRAIN ? evalStart : bytes.length;
        final int span = Math.max(1, to - from - seqLen);
        final int start = from + new SplittableRandom(TokenSource.mix(seed, split, sampleId)).nextInt(span);
        for (int i = 0; i < seqLen; i++)
        {
            tokens[off + i] = bytes[start + i] & 0xFF;
            targets[off + i] = bytes[start + i + 1] & 0xFF;
        }
    }
}
