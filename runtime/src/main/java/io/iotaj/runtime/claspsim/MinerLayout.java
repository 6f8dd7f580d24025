package io.iotaj.runtime.claspsim;

import io.iotaj.clasp.sim.AdversaryPlacement;
import io.iotaj.clasp.sim.Behaviour;

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
    private final AdversaryPlacement placement;

    public MinerLayout(final ClaspSimSettings s)
    {
        stages = s.stages();
        replicas = s.replicas();
        final int miners = stages * replicas;
        honestPenalty = new double[miners];
        for (int m = 0; m < miners; m++)
        {
            honestPenalty[m] = s.honestPenalty(m % replicas);
        }
        placement = new AdversaryPlacement(stages, replicas, s.adversaries(),
            new SplittableRandom(s.seed() * 0x9E3779B97F4A7C15L + 17));
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
        return placement.behaviour(minerId);
    }

    public boolean adversary(final int minerId)
    {
        return placement.adversary(minerId);
    }

    /** The other miner of a planted pair, or -1. */
    public int partner(final int minerId)
    {
        return placement.partner(minerId);
    }
}
