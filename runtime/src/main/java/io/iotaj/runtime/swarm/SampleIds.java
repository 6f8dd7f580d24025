package io.iotaj.runtime.swarm;

/**
 * The sample id on the wire names one attempt at one micro-batch: micro-batch id x 256 + attempt. A
 * re-issued micro-batch keeps its data (a pure function of the micro-batch id) but gets a new wire id,
 * so frames of an abandoned attempt can never be mistaken for the live one.
 */
public final class SampleIds
{
    public static final int MAX_ATTEMPTS = 256;

    private SampleIds()
    {
    }

    public static long wire(final long microBatch, final int attempt)
    {
        if (microBatch < 0 || attempt < 0 || attempt >= MAX_ATTEMPTS)
        {
            throw new IllegalArgumentException("micro-batch " + microBatch + " attempt " + attempt + " out of range");
        }
        return microBatch * MAX_ATTEMPTS + attempt;
    }

    public static long microBatch(final long wireId)
    {
        return wireId / MAX_ATTEMPTS;
    }

    public static int attempt(final long wireId)
    {
        return (int)(wireId % MAX_ATTEMPTS);
    }
}
