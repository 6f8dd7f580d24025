package io.iotaj.kernels.cpu;

import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Central finite differences of a scalar loss L = sum(out * probe) with respect to one input array,
 * compared element by element with the analytic gradient at a sample of positions.
 */
final class FiniteDifference
{
    private FiniteDifference()
    {
    }

    static float[] random(final Random rng, final int n, final double scale)
    {
        final float[] x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (float)(rng.nextGaussian() * scale);
        }
        return x;
    }

    /** Checks {@code analytic} = dL/d{@code input} where {@code loss} recomputes L from the current input. */
    static void check(final String what, final float[] input, final float[] analytic, final Supplier<Double> loss,
        final double tolerance)
    {
        final Random pick = new Random(42);
        final int samples = Math.min(input.length, 40);
        double maxGrad = 1e-6;
        for (final float g : analytic)
        {
            maxGrad = Math.max(maxGrad, Math.abs(g));
        }
        for (int s = 0; s < samples; s++)
        {
            final int i = samples == input.length ? s : pick.nextInt(input.length);
            final float saved = input[i];
            final float h = Math.max(1e-3f, Math.abs(saved) * 1e-2f);
            input[i] = saved + h;
            final double plus = loss.get();
            input[i] = saved - h;
            final double minus = loss.get();
            input[i] = saved;
            final double numeric = (plus - minus) / (2.0 * h);
            final double err = Math.abs(numeric - analytic[i]) / maxGrad;
            assertTrue(err < tolerance, what + "[" + i + "]: analytic " + analytic[i] + " vs numeric " + numeric +
                " (error " + err + " of max |grad| " + maxGrad + ")");
        }
    }

    static double dot(final float[] a, final float[] b)
    {
        double s = 0;
        for (int i = 0; i < a.length; i++)
        {
            s += (double)a[i] * b[i];
        }
        return s;
    }
}
