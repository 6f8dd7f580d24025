package io.iotaj.runtime.data;

/**
 * Byte-level token streams (vocab 256). A sample is a pure function of (seed, split, sample id), so any
 * process (a head miner, a validator) can rebuild the same batch from its id.
 */
public interface TokenSource
{
    /** Which part of the data a sample comes from. */
    enum Split
    {
        TRAIN, EVAL
    }

    String describe();

    /**
     * Writes sample {@code sampleId}: seqLen input tokens at tokens[off..] and the next-token targets at
     * targets[off..] (the same window shifted by one).
     */
    void sample(long seed, Split split, long sampleId, int seqLen, int[] tokens, int[] targets, int off);

    /** Fills a batch of consecutive samples firstSample .. firstSample + batch - 1. */
    default void batch(final long seed, final Split split, final long firstSample, final int batch, final int seqLen,
        final int[] tokens, final int[] targets)
    {
        for (int i = 0; i < batch; i++)
        {
            sample(seed, split, firstSample + i, seqLen, tokens, targets, i * seqLen);
        }
    }

    /** Mixes seed, split and sample id into one 64-bit stream seed (SplitMix64 finaliser). */
    static long mix(final long seed, final Split split, final long sampleId)
    {
        long z = seed * 0x9E3779B97F4A7C15L + sampleId * 0xBF58476D1CE4E5B9L + split.ordinal() * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
