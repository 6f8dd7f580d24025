package io.iotaj.runtime.swarm;

/**
 * How the swarm's validator works: the share of completed samples whose pathway it checks, the test each
 * re-run output must pass, the cosine a miner's post-merge weights need against the stage's reference, and
 * how long it waits for a miner's evidence before recording it as missing. A share of 0 runs no validator.
 */
public record Validation(double share, ValidationCheck check, double minWeightCosine, long evidenceTimeoutMs)
{
    public static final Validation OFF = new Validation(0, ValidationCheck.IOTA, 0.9, 2_000);

    public Validation
    {
        if (!(share >= 0 && share <= 1) || evidenceTimeoutMs < 1 || !(minWeightCosine >= -1 && minWeightCosine <= 1))
        {
            throw new IllegalArgumentException("validation share in [0,1], weight cosine in [-1,1], timeout > 0");
        }
    }

    /** IOTA's thresholds, checking {@code share} of the samples. */
    public static Validation iota(final double share)
    {
        return new Validation(share, ValidationCheck.IOTA, 0.9, 2_000);
    }

    public boolean enabled()
    {
        return share > 0;
    }
}
