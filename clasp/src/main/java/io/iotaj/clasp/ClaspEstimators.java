package io.iotaj.clasp;

import io.iotaj.clasp.credit.CreditEstimator;
import io.iotaj.clasp.credit.MarginalEstimator;
import io.iotaj.clasp.credit.RidgeCreditEstimator;
import io.iotaj.clasp.detect.ExploitDetector;

import java.util.List;

/** The three estimators and the detector with {@link ClaspConfiguration}'s defaults, looked up by name. */
public final class ClaspEstimators
{
    public static final List<String> NAMES = List.of("marginal", "additive", "interaction");

    private ClaspEstimators()
    {
    }

    /** A new estimator by name: marginal, additive or interaction. */
    public static CreditEstimator byName(final String name)
    {
        switch (name)
        {
            case "marginal":
                return new MarginalEstimator(ClaspConfiguration.CONFIDENCE_Z);
            case "additive":
                return RidgeCreditEstimator.additive(ClaspConfiguration.CONFIDENCE_Z,
                    ClaspConfiguration.LAMBDA_MINER, ClaspConfiguration.WINDOW_SAMPLES, ClaspConfiguration.MAX_WINDOWS,
                    ClaspConfiguration.REWEIGHT_PASSES, ClaspConfiguration.PATHWAY_CHECK_Z);
            case "interaction":
                return RidgeCreditEstimator.interactionAware(ClaspConfiguration.CONFIDENCE_Z,
                    ClaspConfiguration.LAMBDA_MINER, ClaspConfiguration.LAMBDA_PAIR, ClaspConfiguration.WINDOW_SAMPLES,
                    ClaspConfiguration.MAX_WINDOWS, ClaspConfiguration.REWEIGHT_PASSES,
                    ClaspConfiguration.PATHWAY_CHECK_Z);
            default:
                throw new IllegalArgumentException(
                    "unknown estimator \"" + name + "\" (marginal, additive, interaction)");
        }
    }

    public static ExploitDetector detector()
    {
        return new ExploitDetector(ClaspConfiguration.DETECT_K, ClaspConfiguration.DETECT_PAIR_K,
            ClaspConfiguration.DETECT_MIN_SAMPLES,
            ClaspConfiguration.DETECT_MIN_PAIR_SAMPLES);
    }
}
