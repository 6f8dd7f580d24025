package io.iotaj.runtime.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a run's tokens come from, in a form another process can open: the generated arithmetic corpus, or a
 * UTF-8 text file by path (which must exist at that path on every machine that opens it, with the same size).
 */
public record DataSpec(String path, long bytes)
{
    public static final DataSpec GENERATED = new DataSpec(null, 0);

    public static DataSpec text(final Path file) throws IOException
    {
        return new DataSpec(file.toAbsolutePath().toString(), Files.size(file));
    }

    /** Opens the tokens; a text file that is missing or differs in size is an {@link IOException}. */
    public TokenSource open(final int seqLen) throws IOException
    {
        if (path == null)
        {
            return new SyntheticArithmetic();
        }
        final Path file = Path.of(path);
        if (!Files.isRegularFile(file))
        {
            throw new IOException("data file " + path + " is not on this machine");
        }
        if (Files.size(file) != bytes)
        {
            throw new IOException("data file " + path + " has " + Files.size(file) + " bytes here, the run's has " + bytes);
        }
        return TextCorpus.load(file, seqLen);
    }
}
