package io.iotaj.clasp.sim;

/**
 * What every CLASP simulation is given, whatever produces its losses: the swarm's shape (stages x replicas),
 * the run's length and pace, the seed and the planted adversaries. Fluent setters return the concrete
 * settings; each refuses a count below 1 at once, and subclasses add their own checks.
 *
 * @param <T> the concrete settings class
 */
public abstract class SwarmShape<T extends SwarmShape<T>>
{
    private int stages = 4;
    private int replicas = 8;
    private int samples = 2000;
    private int samplesPerStep = 16;
    private long seed = 1;
    private AdversaryMix adversaries;

    protected SwarmShape(final AdversaryMix defaultAdversaries)
    {
        adversaries = defaultAdversaries;
    }

    /** this, as the concrete settings. */
    protected abstract T self();

    public T stages(final int value)
    {
        stages = requireAtLeast("stages", value, 1);
        return self();
    }

    public T replicas(final int value)
    {
        replicas = requireAtLeast("replicas", value, 1);
        return self();
    }

    public T samples(final int value)
    {
        samples = requireAtLeast("samples", value, 1);
        return self();
    }

    /** Samples (pathways) per training step. */
    public T samplesPerStep(final int value)
    {
        samplesPerStep = requireAtLeast("samples per step", value, 1);
        return self();
    }

    public T seed(final long value)
    {
        seed = value;
        return self();
    }

    public T adversaries(final AdversaryMix value)
    {
        adversaries = value;
        return self();
    }

    public int stages()
    {
        return stages;
    }

    public int replicas()
    {
        return replicas;
    }

    public int samples()
    {
        return samples;
    }

    public int samplesPerStep()
    {
        return samplesPerStep;
    }

    public long seed()
    {
        return seed;
    }

    public AdversaryMix adversaries()
    {
        return adversaries;
    }

    /** Steps the run spans. */
    public long runSteps()
    {
        return (samples + samplesPerStep - 1) / samplesPerStep;
    }

    private static int requireAtLeast(final String what, final int value, final int min)
    {
        if (value < min)
        {
            throw new IllegalArgumentException(what + " must be at least " + min + ", got " + value);
        }
        return value;
    }
}
