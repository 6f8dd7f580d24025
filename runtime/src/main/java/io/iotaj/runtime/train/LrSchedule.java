package io.iotaj.runtime.train;

/** Linear warm-up to the peak rate, then cosine decay to minFraction x peak at the last step. */
public record LrSchedule(double peak, int warmupSteps, int totalSteps, double minFraction)
{
    /** The rate for step s, counting from 1. */
    public double at(final int step)
    {
        if (warmupSteps > 0 && step <= warmupSteps)
        {
            return peak * step / warmupSteps;
        }
        final int decaySteps = Math.max(1, totalSteps - warmupSteps);
        final double progress = Math.min(1.0, (double)(step - warmupSteps) / decaySteps);
        final double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return peak * (minFraction + (1 - minFraction) * cosine);
    }
}
