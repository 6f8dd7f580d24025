package io.iotaj.clasp.sim;

/** What a simulated miner does; everything but HONEST is a planted adversary. */
public enum Behaviour
{
    HONEST,
    /** Adds Gaussian noise to its outputs: higher and more variable loss. */
    NOISE,
    /** Passes its input through without computing: a loss penalty that grows as the model learns. */
    LAZY,
    /** Replays activations from an earlier step: a steady loss penalty. */
    STALE,
    /** One of two adjacent-stage miners that corrupt activations only when routed to each other. */
    PAIR;

    public String label()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
