package io.iotaj.clasp.emission;

import io.iotaj.clasp.credit.CreditReport;
import io.iotaj.clasp.detect.DetectionReport;
import io.iotaj.clasp.stats.RobustStatistics;

import java.util.Arrays;

/**
 * Turns a window's work and CLASP verdicts into emission shares:
 * <ol>
 *   <li>quality = 0 for a miner excluded by the detector (flagged alone or in a pair) or failed by the
 *       validators (more of its checked work rejected than accepted), else
 *       2 * Phi(-sharpness * d) where d is its robust deviation below the stage median: 1 at the median,
 *       towards 2 for the best, towards 0 for the worst; 1 for a miner without a credit estimate;</li>
 *   <li>raw share = validated work * quality, normalised so the miners' raw shares sum to 1 - burn;</li>
 *   <li>paid share = alpha * raw + (1 - alpha) * previous paid share (the first window pays raw), then
 *       excluded miners are set to zero at once and the rest renormalised to 1 - burn.</li>
 * </ol>
 * When no miner has any share left, the whole window burns. State: the previous window.
 */
public final class EmissionCalculator
{
    private final double alpha;
    private final double burn;
    private final double sharpness;
    private EmissionWindow previous;
    private long nextWindow;

    public EmissionCalculator(final double alpha, final double burn, final double sharpness)
    {
        if (!(alpha > 0 && alpha <= 1))
        {
            throw new IllegalArgumentException("EMA alpha must lie in (0, 1], got " + alpha);
        }
        if (!(burn >= 0 && burn < 1))
        {
            throw new IllegalArgumentException("burn share must lie in [0, 1), got " + burn);
        }
        if (!(sharpness >= 0))
        {
            throw new IllegalArgumentException("quality sharpness must be non-negative, got " + sharpness);
        }
        this.alpha = alpha;
        this.burn = burn;
        this.sharpness = sharpness;
    }

    /** Continues smoothing from a persisted window (after a restart). */
    public void restore(final EmissionWindow last)
    {
        previous = last;
        nextWindow = last.window + 1;
    }

    /**
     * Computes the next window. {@code detection} may be null when no estimate was possible (everyone then
     * has quality 1).
     */
    public EmissionWindow next(final DetectionReport detection, final WorkTally work, final long fromPosition,
        final long toPosition, final long fromStep, final long toStep)
    {
        final int[] ids = miners(detection, work);
        final int n = ids.length;
        final int[] stage = new int[n];
        final long[] validated = new long[n];
        final double[] credit = new double[n];
        final double[] quality = new double[n];
        final boolean[] excluded = new boolean[n];
        final double[] raw = new double[n];
        final double[] share = new double[n];
        final CreditReport credits = detection == null ? null : detection.credits();
        for (int i = 0; i < n; i++)
        {
            final int id = ids[i];
            final int worked = work.indexOf(id);
            validated[i] = worked >= 0 ? work.validated(worked) : 0;
            stage[i] = worked >= 0 ? work.stage(worked) : -1;
            final int column = credits == null ? -1 : columnOf(credits, id, stage[i]);
            final boolean failedValidation = worked >= 0 && work.failedValidation(worked);
            if (column >= 0)
            {
                stage[i] = credits.roster().stageOf(column);
                credit[i] = credits.credit(column);
                excluded[i] = detection.excluded(column) || failedValidation;
                quality[i] = excluded[i] ? 0 : 2 * RobustStatistics.normalCdf(-sharpness * detection.deviation(column));
            }
            else
            {
                credit[i] = Double.NaN;
                excluded[i] = failedValidation;
                quality[i] = excluded[i] ? 0 : 1;
            }
            raw[i] = validated[i] * quality[i];
        }
        normalise(raw, 1 - burn);
        for (int i = 0; i < n; i++)
        {
            final int before = previous == null ? -1 : previous.indexOf(ids[i]);
            if (stage[i] < 0 && before >= 0)
            {
                stage[i] = previous.stage(before);
            }
            final double smoothed = previous == null ? raw[i] :
                alpha * raw[i] + (1 - alpha) * (before >= 0 ? previous.share(before) : 0);
            share[i] = excluded[i] ? 0 : smoothed;
        }
        normalise(share, 1 - burn);
        boolean anyPaid = false;
        for (int i = 0; i < n; i++)
        {
            anyPaid |= share[i] > 0;
        }
        final String estimator = detection == null ? "none" : detection.estimator();
        previous = new EmissionWindow(nextWindow++, fromPosition, toPosition, fromStep, toStep, estimator,
            anyPaid ? burn : 1.0, ids, stage, validated, credit, quality, excluded, raw, share);
        return previous;
    }

    /** Sorted union of miners with work, with a credit, or paid last window. */
    private int[] miners(final DetectionReport detection, final WorkTally work)
    {
        int[] ids = new int[16];
        int n = 0;
        for (int i = 0; i < work.size(); i++)
        {
            ids = append(ids, n++, work.minerId(i));
        }
        for (int i = 0; previous != null && i < previous.miners(); i++)
        {
            if (previous.share(i) > 0)
            {
                ids = append(ids, n++, previous.minerId(i));
            }
        }
        if (detection != null)
        {
            for (int c = 0; c < detection.credits().miners(); c++)
            {
                ids = append(ids, n++, detection.credits().roster().minerId(c));
            }
        }
        Arrays.sort(ids, 0, n);
        int unique = 0;
        for (int i = 0; i < n; i++)
        {
            if (unique == 0 || ids[i] != ids[unique - 1])
            {
                ids[unique++] = ids[i];
            }
        }
        return Arrays.copyOf(ids, unique);
    }

    private static int columnOf(final CreditReport credits, final int id, final int knownStage)
    {
        if (knownStage >= 0)
        {
            return credits.column(knownStage, id);
        }
        for (int s = 0; s < credits.roster().stages(); s++)
        {
            final int column = credits.column(s, id);
            if (column >= 0)
            {
                return column;
            }
        }
        return -1;
    }

    private static int[] append(final int[] ids, final int at, final int id)
    {
        final int[] out = at < ids.length ? ids : Arrays.copyOf(ids, ids.length * 2);
        out[at] = id;
        return out;
    }

    /** Scales values to sum to {@code total}; leaves all-zero input as zeros. */
    private static void normalise(final double[] values, final double total)
    {
        double sum = 0;
        for (final double v : values)
        {
            sum += v;
        }
        if (sum > 0)
        {
            for (int i = 0; i < values.length; i++)
            {
                values[i] *= total / sum;
            }
        }
    }
}
