package io.iotaj.clasp.sim;

/**
 * Parameters of the synthetic swarm's generative model on top of its {@link SwarmShape} (no adversaries by
 * default); fluent setters, defaults as documented. Effects are
 * in loss units (nats).
 */
public final class SwarmSettings extends SwarmShape<SwarmSettings>
{
    double lossNoise = 0.25;
    double honestSpread = 0.02;
    double routingSpread = 0.5;
    double lossStart = 4.5;
    double lossFloor = 3.0;
    double decayRate = 3.0;
    double noiseShift = 0.15;
    double noiseSd = 0.3;
    double lazyBase = 0.05;
    double lazyGrowth = 0.25;
    double staleShift = 0.12;
    double pairShift = 0.8;

    public SwarmSettings()
    {
        super(AdversaryMix.none());
    }

    @Override
    protected SwarmSettings self()
    {
        return this;
    }

    /** Standard deviation of a sample's loss around its expectation (batch-to-batch variation). */
    public SwarmSettings lossNoise(final double value)
    {
        lossNoise = value;
        return this;
    }

    /** Standard deviation of honest miners' quality effects. */
    public SwarmSettings honestSpread(final double value)
    {
        honestSpread = value;
        return this;
    }

    /** Routing weights are uniform in [1 - spread, 1 + spread]. */
    public SwarmSettings routingSpread(final double value)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new IllegalArgumentException("routing spread must lie in [0, 1), got " + value);
        }
        routingSpread = value;
        return this;
    }

    /** Training trend: loss(u) = floor + (start - floor) * exp(-rate * u), u = progress in [0, 1). */
    public SwarmSettings trend(final double start, final double floor, final double rate)
    {
        lossStart = start;
        lossFloor = floor;
        decayRate = rate;
        return this;
    }

    /** noise: mean loss penalty and standard deviation of the extra noise. */
    public SwarmSettings noise(final double shift, final double sd)
    {
        noiseShift = shift;
        noiseSd = sd;
        return this;
    }

    /** lazy: penalty base + growth * u. */
    public SwarmSettings lazy(final double base, final double growth)
    {
        lazyBase = base;
        lazyGrowth = growth;
        return this;
    }

    public SwarmSettings stale(final double shift)
    {
        staleShift = shift;
        return this;
    }

    /** pair: penalty when the two are on the same pathway. */
    public SwarmSettings pair(final double shift)
    {
        pairShift = shift;
        return this;
    }
}
