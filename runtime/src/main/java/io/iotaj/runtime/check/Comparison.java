package io.iotaj.runtime.check;

/**
 * One tensor compared with its expected value: max absolute error and max relative error (max absolute
 * error over the expected tensor's max absolute value), judged against a relative or absolute tolerance.
 */
public record Comparison(String name, double maxAbsError, double maxRelError, double tolerance, boolean absolute)
{
    public static Comparison of(final String name, final float[] actual, final float[] expected, final double tol,
        final boolean absolute)
    {
        if (actual.length != expected.length)
        {
            return new Comparison(name, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, tol, absolute);
        }
        double maxErr = 0, maxVal = 0;
        for (int i = 0; i < actual.length; i++)
        {
            final double err = Math.abs((double)actual[i] - expected[i]);
            maxErr = Double.isNaN(err) ? Double.POSITIVE_INFINITY : Math.max(maxErr, err);
            maxVal = Math.max(maxVal, Math.abs(expected[i]));
        }
        return new Comparison(name, maxErr, maxVal == 0 ? maxErr : maxErr / maxVal, tol, absolute);
    }

    public boolean passed()
    {
        return (absolute ? maxAbsError : maxRelError) <= tolerance;
    }

    public String line()
    {
        return String.format("%-44s max_abs_err %.3e  max_rel_err %.3e  (%s tol %.0e)  %s", name, maxAbsError,
            maxRelError, absolute ? "abs" : "rel", tolerance, passed() ? "ok" : "FAIL");
    }
}
