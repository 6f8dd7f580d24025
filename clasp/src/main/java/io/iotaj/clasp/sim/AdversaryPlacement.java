package io.iotaj.clasp.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Where a simulation's planted adversaries sit, for miner ids {@code stage * replicas + replica}: pairs
 * first (one miner in each of two adjacent stages), then noise, lazy and stale miners, each on a random
 * honest replica of a random stage among those with the fewest adversaries so far. Every stage keeps an
 * honest majority, since a stage where half the miners cheat has no honest median to compare against.
 */
public final class AdversaryPlacement
{
    private static final Behaviour[] SINGLES = { Behaviour.NOISE, Behaviour.LAZY, Behaviour.STALE };

    private final int replicas;
    private final Behaviour[] behaviour;
    private final int[] partner;

    /**
     * @throws IllegalArgumentException when a pair has no two stages, or the adversaries would leave a
     *                                  stage without an honest majority.
     */
    public AdversaryPlacement(final int stages, final int replicas, final AdversaryMix mix, final SplittableRandom random)
    {
        if (mix.count(Behaviour.PAIR) > 0 && stages < 2)
        {
            throw new IllegalArgumentException("a pair needs at least two stages");
        }
        this.replicas = replicas;
        behaviour = new Behaviour[stages * replicas];
        partner = new int[stages * replicas];
        Arrays.fill(behaviour, Behaviour.HONEST);
        Arrays.fill(partner, -1);
        for (int k = 0; k < mix.count(Behaviour.PAIR); k++)
        {
            final int stage = leastAdversarialStage(random, stages - 1, true);
            final int first = pickHonest(stage, random);
            final int second = pickHonest(stage + 1, random);
            behaviour[first] = Behaviour.PAIR;
            behaviour[second] = Behaviour.PAIR;
            partner[first] = second;
            partner[second] = first;
        }
        for (final Behaviour kind : SINGLES)
        {
            for (int k = 0; k < mix.count(kind); k++)
            {
                behaviour[pickHonest(leastAdversarialStage(random, stages, false), random)] = kind;
            }
        }
    }

    public Behaviour behaviour(final int minerId)
    {
        return behaviour[minerId];
    }

    public boolean adversary(final int minerId)
    {
        return behaviour[minerId] != Behaviour.HONEST;
    }

    /** The other miner of a planted pair, or -1. */
    public int partner(final int minerId)
    {
        return partner[minerId];
    }

    private int adversariesIn(final int stage)
    {
        int n = 0;
        for (int r = 0; r < replicas; r++)
        {
            n += behaviour[stage * replicas + r] == Behaviour.HONEST ? 0 : 1;
        }
        return n;
    }

    /** A random stage in [0, limit) among those with the fewest adversaries (for a pair: in s and s + 1). */
    private int leastAdversarialStage(final SplittableRandom random, final int limit, final boolean pair)
    {
        int fewest = Integer.MAX_VALUE;
        int ties = 0;
        int chosen = 0;
        for (int s = 0; s < limit; s++)
        {
            final int adversaries = pair ? Math.max(adversariesIn(s), adversariesIn(s + 1)) : adversariesIn(s);
            if (adversaries < fewest)
            {
                fewest = adversaries;
                ties = 1;
                chosen = s;
            }
            else if (adversaries == fewest && random.nextInt(++ties) == 0)
            {
                chosen = s;
            }
        }
        if (2 * (fewest + 1) >= replicas)
        {
            throw new IllegalArgumentException("the adversaries leave no honest majority in a stage of " + replicas +
                " replicas");
        }
        return chosen;
    }

    /** A random honest miner of {@code stage}; the caller's stage has one (it keeps an honest majority). */
    private int pickHonest(final int stage, final SplittableRandom random)
    {
        final int start = random.nextInt(replicas);
        for (int r = 0; r < replicas; r++)
        {
            final int m = stage * replicas + (start + r) % replicas;
            if (behaviour[m] == Behaviour.HONEST)
            {
                return m;
            }
        }
        throw new IllegalStateException("no honest miner left in stage " + stage);
    }
}
