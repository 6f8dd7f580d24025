package io.iotaj.clasp.sim;

import io.iotaj.clasp.ledger.RecordHandler;

import java.util.SplittableRandom;

/**
 * A swarm whose pathway losses come from a known generative model, so attribution can be checked against
 * the truth:
 * <pre>
 *   loss = trend(u) + sum_s quality[m_s] + sum_s adversary_s(u) + pair terms + N(0, lossNoise^2)
 * </pre>
 * with u the training progress of the sample's step, quality ~ N(0, honestSpread^2) for every miner, and
 * stochastic routing: each stage picks a miner with probability proportional to a fixed throughput weight.
 * Miner ids are {@code stage * replicas + replica}. Everything derives from the settings' seed.
 */
public final class SyntheticSwarm
{
    private final SwarmSettings settings;
    private final int stages;
    private final int replicas;
    private final double[] quality;
    private final double[] weight;
    private final double[] cumulative;
    private final AdversaryPlacement placement;
    private final double meanProgress;

    public SyntheticSwarm(final SwarmSettings settings)
    {
        this.settings = settings;
        stages = settings.stages();
        replicas = settings.replicas();
        final int miners = stages * replicas;
        final AdversaryMix mix = settings.adversaries();
        if (mix.miners() > miners)
        {
            throw new IllegalArgumentException(
                mix.miners() + " adversarial miners do not fit in " + miners + " miners");
        }
        final SplittableRandom random = new SplittableRandom(settings.seed());
        quality = new double[miners];
        weight = new double[miners];
        cumulative = new double[miners];
        for (int m = 0; m < miners; m++)
        {
            quality[m] = settings.honestSpread * random.nextGaussian();
            weight[m] = 1 + settings.routingSpread * (2 * random.nextDouble() - 1);
        }
        for (int s = 0; s < stages; s++)
        {
            double sum = 0;
            for (int r = 0; r < replicas; r++)
            {
                sum += weight[s * replicas + r];
                cumulative[s * replicas + r] = sum;
            }
        }
        placement = new AdversaryPlacement(stages, replicas, mix, random);
        meanProgress = meanProgress(settings.samples(), settings.samplesPerStep());
    }

    public SwarmSettings settings()
    {
        return settings;
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
        return stages * replicas;
    }

    public int stageOf(final int minerId)
    {
        return minerId / replicas;
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

    /**
     * Expected loss the miner adds when on a pathway, averaged over the run's steps and its partners'
     * routing: quality plus the mean adversarial penalty.
     */
    public double effect(final int minerId)
    {
        final SwarmSettings p = settings;
        double penalty = 0;
        switch (placement.behaviour(minerId))
        {
            case NOISE: penalty = p.noiseShift; break;
            case LAZY: penalty = p.lazyBase + p.lazyGrowth * meanProgress; break;
            case STALE: penalty = p.staleShift; break;
            case PAIR: penalty = p.pairShift * routingProbability(placement.partner(minerId)); break;
            default: break;
        }
        return quality[minerId] + penalty;
    }

    /** True credit in the estimators' convention: minus the effect centred on the stage's plain mean. */
    public double credit(final int minerId)
    {
        final int first = stageOf(minerId) * replicas;
        double mean = 0;
        for (int r = 0; r < replicas; r++)
        {
            mean += effect(first + r);
        }
        return -(effect(minerId) - mean / replicas);
    }

    /**
     * True value of the marginal estimator's target: expected loss through a routing-weighted other miner of
     * the stage minus expected loss through this one (exact when there are no pairs).
     */
    public double marginalCredit(final int minerId)
    {
        final int first = stageOf(minerId) * replicas;
        double weighted = 0;
        double weights = 0;
        for (int r = 0; r < replicas; r++)
        {
            if (first + r != minerId)
            {
                weighted += weight[first + r] * effect(first + r);
                weights += weight[first + r];
            }
        }
        return weighted / weights - effect(minerId);
    }

    /** Generates the run's samples in order, each as one record to {@code sink}. */
    public void generate(final RecordHandler sink)
    {
        final SwarmSettings p = settings;
        final SplittableRandom random = new SplittableRandom(p.seed() ^ 0x5DEECE66DL);
        final int[] pathway = new int[stages];
        final long steps = (p.samples() + p.samplesPerStep() - 1) / p.samplesPerStep();
        for (int i = 0; i < p.samples(); i++)
        {
            final long step = i / p.samplesPerStep();
            final double u = (double)step / steps;
            double loss = p.lossFloor + (p.lossStart - p.lossFloor) * Math.exp(-p.decayRate * u) +
                p.lossNoise * random.nextGaussian();
            for (int s = 0; s < stages; s++)
            {
                pathway[s] = route(s, random.nextDouble());
            }
            for (int s = 0; s < stages; s++)
            {
                final int m = pathway[s];
                loss += quality[m];
                switch (placement.behaviour(m))
                {
                    case NOISE: loss += p.noiseShift + p.noiseSd * random.nextGaussian(); break;
                    case LAZY: loss += p.lazyBase + p.lazyGrowth * u; break;
                    case STALE: loss += p.staleShift; break;
                    case PAIR:
                        if (s + 1 < stages && pathway[s + 1] == placement.partner(m))
                        {
                            loss += p.pairShift;
                        }
                        break;
                    default: break;
                }
            }
            sink.onRecord(i, step, pathway, Math.max(0, loss));
        }
    }

    private int route(final int stage, final double uniform)
    {
        final int first = stage * replicas;
        final double target = uniform * cumulative[first + replicas - 1];
        for (int r = 0; r < replicas - 1; r++)
        {
            if (target < cumulative[first + r])
            {
                return first + r;
            }
        }
        return first + replicas - 1;
    }

    private double routingProbability(final int minerId)
    {
        final int stage = stageOf(minerId);
        return weight[minerId] / cumulative[stage * replicas + replicas - 1];
    }

    private static double meanProgress(final int samples, final int samplesPerStep)
    {
        final long steps = (samples + samplesPerStep - 1) / samplesPerStep;
        double sum = 0;
        for (int i = 0; i < samples; i++)
        {
            sum += (double)(i / samplesPerStep) / steps;
        }
        return sum / samples;
    }
}
