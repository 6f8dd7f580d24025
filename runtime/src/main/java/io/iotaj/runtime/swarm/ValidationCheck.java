package io.iotaj.runtime.swarm;

/**
 * IOTA's validation test of one tensor a miner produced against the validator's recomputation: first the
 * magnitude ratio min(|a|,|b|) / max(|a|,|b|) of the two L2 norms, then their cosine similarity. Work that
 * fails either threshold fails. Thresholds default to the IOTA reference's (0.8 and 0.9).
 */
public record ValidationCheck(double minMagnitudeRatio, double minCosine)
{
    public static final ValidationCheck IOTA = new ValidationCheck(0.8, 0.9);

    public ValidationCheck
    {
        if (!(minMagnitudeRatio >= 0 && minMagnitudeRatio <= 1 && minCosine >= -1 && minCosine <= 1))
        {
            throw new IllegalArgumentException("validation thresholds: magnitude ratio in [0,1], cosine in [-1,1]");
        }
    }

    /** The comparison of two equally long vectors. */
    public record Outcome(boolean passed, double magnitudeRatio, double cosine, double maxAbsError)
    {
    }

    /** Compares the first {@code n} elements of {@code expected} and {@code actual}. */
    public Outcome compare(final float[] expected, final float[] actual, final int n)
    {
        return compare(expected, null, actual, null, n);
    }

    /**
     * Compares {@code expected - expectedBase} with {@code actual - actualBase} (bases may be null for zero):
     * with the stage input as base this tests what the stage added, which a miner that passes its input
     * through cannot fake even where the residual stream makes raw outputs look alike.
     */
    public Outcome compare(final float[] expected, final float[] expectedBase, final float[] actual,
        final float[] actualBase, final int n)
    {
        double ee = 0, aa = 0, ea = 0, maxErr = 0;
        for (int i = 0; i < n; i++)
        {
            final double e = expected[i] - (expectedBase == null ? 0 : expectedBase[i]);
            final double a = actual[i] - (actualBase == null ? 0 : actualBase[i]);
            ee += e * e;
            aa += a * a;
            ea += e * a;
            maxErr = Math.max(maxErr, Math.abs(expected[i] - actual[i]));
        }
        final double ne = Math.sqrt(ee), na = Math.sqrt(aa);
        final double ratio = ne == 0 && na == 0 ? 1 : Math.min(ne, na) / Math.max(ne, na);
        final double cosine = ne == 0 && na == 0 ? 1 : ne == 0 || na == 0 ? 0 : ea / (ne * na);
        final boolean finite = Double.isFinite(ratio) && Double.isFinite(cosine);
        return new Outcome(finite && ratio >= minMagnitudeRatio && cosine > minCosine, ratio, cosine,
            finite ? maxErr : Double.NaN);
    }
}
