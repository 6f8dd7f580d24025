package io.iotaj.runtime.claspsim;

import io.iotaj.clasp.sim.AdversaryMix;
import io.iotaj.clasp.sim.Behaviour;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Who is who: miner id {@code stage * replicas + replica}, each with an honest quality (the loss penalty its
 * weight perturbation is calibrated to) and a behaviour. Adversaries are planted on random replicas, spread over the
 * stages (a stage keeps an honest majority, or its median would be an adversary); a pair takes one miner of
 * two adjacent stages. Everything derives from the seed.
 */
public final class MinerLayout
{
    private final int stages;
    private final int replicas;
    private final double[] honestPenalty;
    private final Behaviour[] behaviour;
    private final int[] partner;

    public MinerLayout(final ClaspSimSettings s)
    {
        stages = s.stages();
        replicas = s.replicas();
        final int miners = stages * replicas;
        honestPenalty = new double[miners];
        behaviour = new Behaviour[miners];
        partner = new int[miners];
        Arrays.fill(behaviour, Behaviour.HONEST);
        Arrays.fill(partner, -1);
        for (int m = 0; m < miners; m++)
        {
            honestPenalty[m] = s.honestPenalty(m % replicas);
        }
        final SplittableRandom random = new SplittableRandom(s.seed() * 0x9E3779B97F4A7C15L + 17);
        final AdversaryMix mix = s.adversaries();
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
        for (final Behaviour kind : new Behaviour[]{Behaviour.NOISE, Behaviour.LAZY, Behaviour.STALE})
        {
            for (int k = 0; k < mix.count(kind); k++)
            {
                behaviour[pickHonest(leastAdversarialStage(random, stages, false), random)] = kind;
            }
        }
    }

    public int stages()
    {
        return stages;
    }

    public int replicas()
    {
        return replicas;
    }

    public int miners()
    {
        return honestPenalty.length;
    }

    public int stageOf(final int minerId)
    {
        return minerId / replicas;
    }

    /** Loss penalty in nats that this miner's weight perturbation is calibrated to (0: none). */
    public double honestPenalty(final int minerId)
    {
        return honestPenalty[minerId];
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
        throw new IllegalArgumentException("no honest miner left in stage " + stage);
    }
}
