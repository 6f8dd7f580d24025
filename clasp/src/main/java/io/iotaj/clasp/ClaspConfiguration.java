package io.iotaj.clasp;

/**
 * CLASP defaults, each overridable by the system property named beside it.
 */
public final class ClaspConfiguration
{
    /** Normal quantile of the reported confidence intervals (1.96: 95%). */
    public static final String CONFIDENCE_Z_PROP = "iotaj.clasp.confidence.z";
    public static final double CONFIDENCE_Z = doubleProperty(CONFIDENCE_Z_PROP, 1.959964);

    /** Ridge penalty on miner effects, in units of samples (a prior worth this many samples at zero). */
    public static final String LAMBDA_MINER_PROP = "iotaj.clasp.ridge.lambda.miner";
    public static final double LAMBDA_MINER = doubleProperty(LAMBDA_MINER_PROP, 1.0);

    /** Ridge penalty on adjacent-stage pair terms; larger, so pairs only explain what mains cannot. */
    public static final String LAMBDA_PAIR_PROP = "iotaj.clasp.ridge.lambda.pair";
    public static final double LAMBDA_PAIR = doubleProperty(LAMBDA_PAIR_PROP, 4.0);

    /** Target samples per time-window intercept (training lowers the loss; the intercepts absorb that). */
    public static final String WINDOW_SAMPLES_PROP = "iotaj.clasp.window.samples";
    public static final int WINDOW_SAMPLES = intProperty(WINDOW_SAMPLES_PROP, 100);

    /** Most time windows per estimate. */
    public static final String MAX_WINDOWS_PROP = "iotaj.clasp.window.max";
    public static final int MAX_WINDOWS = intProperty(MAX_WINDOWS_PROP, 32);

    /**
     * Feasible weighted least squares passes of the ridge estimators: after each fit, samples are weighted by
     * the inverse of their pathway's residual variance (0: plain ridge; see RidgeCreditEstimator).
     */
    public static final String REWEIGHT_PASSES_PROP = "iotaj.clasp.ridge.reweight";
    public static final int REWEIGHT_PASSES = intProperty(REWEIGHT_PASSES_PROP, 1);

    /**
     * Soft threshold, in standard errors, at which the ridge estimators correct a miner's fitted effect toward
     * the plain mean of its own samples net of everyone else's terms ("Infinity": no check; see
     * PathwayMeanCheck).
     */
    public static final String PATHWAY_CHECK_Z_PROP = "iotaj.clasp.ridge.check.z";
    public static final double PATHWAY_CHECK_Z = doubleProperty(PATHWAY_CHECK_Z_PROP, 2.0);

    /** A miner is flagged when its credit is more than this many robust deviations below its stage median. */
    public static final String DETECT_K_PROP = "iotaj.clasp.detect.k";
    public static final double DETECT_K = doubleProperty(DETECT_K_PROP, 3.0);

    /** The same for adjacent-stage pairs; higher, since there are replicas^2 pairs per boundary. */
    public static final String DETECT_PAIR_K_PROP = "iotaj.clasp.detect.pair.k";
    public static final double DETECT_PAIR_K = doubleProperty(DETECT_PAIR_K_PROP, 5.0);

    /** Fewest samples through a miner before it may be flagged. */
    public static final String DETECT_MIN_SAMPLES_PROP = "iotaj.clasp.detect.min.samples";
    public static final int DETECT_MIN_SAMPLES = intProperty(DETECT_MIN_SAMPLES_PROP, 40);

    /** Fewest samples through a pair before it may be flagged. */
    public static final String DETECT_MIN_PAIR_SAMPLES_PROP = "iotaj.clasp.detect.min.pair.samples";
    public static final int DETECT_MIN_PAIR_SAMPLES = intProperty(DETECT_MIN_PAIR_SAMPLES_PROP, 12);

    /** Weight of the newest window in the emission moving average. */
    public static final String EMA_ALPHA_PROP = "iotaj.clasp.emission.alpha";
    public static final double EMA_ALPHA = doubleProperty(EMA_ALPHA_PROP, 0.3);

    /** Share of every window's emission that is burnt rather than paid. */
    public static final String BURN_SHARE_PROP = "iotaj.clasp.emission.burn";
    public static final double BURN_SHARE = doubleProperty(BURN_SHARE_PROP, 0.0);

    /** Slope of the quality factor in robust deviations (see EmissionCalculator). */
    public static final String QUALITY_SHARPNESS_PROP = "iotaj.clasp.emission.sharpness";
    public static final double QUALITY_SHARPNESS = doubleProperty(QUALITY_SHARPNESS_PROP, 1.0);

    private ClaspConfiguration()
    {
    }

    private static double doubleProperty(final String name, final double fallback)
    {
        final String value = System.getProperty(name);
        return value == null ? fallback : Double.parseDouble(value);
    }

    private static int intProperty(final String name, final int fallback)
    {
        final String value = System.getProperty(name);
        return value == null ? fallback : Integer.parseInt(value);
    }
}
