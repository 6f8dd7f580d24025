package io.iotaj.clasp.credit;

import io.iotaj.clasp.ClaspConfiguration;
import io.iotaj.clasp.ledger.PathwayBatch;
import io.iotaj.clasp.sim.AdversaryMix;
import io.iotaj.clasp.sim.Behaviour;
import io.iotaj.clasp.sim.SwarmSettings;
import io.iotaj.clasp.sim.SyntheticSwarm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feasible weighted least squares: one miner whose losses are ten times noisier than the rest (as a replaying
 * or activation-wrecking miner makes them) must not blur every other stage's credits, as it does under plain
 * least squares, and the reweighted intervals must still be honest. The noisy miner's own stage (and, for
 * the interaction form, its neighbours) is left out of the comparison: see below.
 */
class ReweightingTest
{
    private static final int SAMPLES = 2000;

    /** Noise miners add 0.15 nats on average and N(0, 2.5^2) around it, against 0.25 for everyone. */
    private static SyntheticSwarm noisySwarm(final long seed)
    {
        return new SyntheticSwarm(new SwarmSettings().seed(seed).samples(SAMPLES).honestSpread(0.05)
            .noise(0.15, 2.5).adversaries(AdversaryMix.parse("noise:1")));
    }

    private static RidgeCreditEstimator estimator(final boolean interactions, final int passes)
    {
        return interactions ?
            RidgeCreditEstimator.interactionAware(ClaspConfiguration.CONFIDENCE_Z, 1.0, 4.0, 100, 32, passes,
                Double.POSITIVE_INFINITY) :
            RidgeCreditEstimator.additive(ClaspConfiguration.CONFIDENCE_Z, 1.0, 100, 32, passes, Double.POSITIVE_INFINITY);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aNoisyMinerNoLongerBlursTheOtherStages(final boolean interactions)
    {
        final SyntheticSwarm swarm = noisySwarm(21);
        final PathwayBatch batch = EstimatorRecoveryTest.generate(swarm);
        final CreditReport plain = new CreditReport();
        final CreditReport weighted = new CreditReport();
        estimator(interactions, 0).estimate(batch, plain);
        estimator(interactions, 1).estimate(batch, weighted);
        int noisyStage = -1;
        for (int id = 0; id < swarm.miners(); id++)
        {
            noisyStage = swarm.behaviour(id) == Behaviour.NOISE ? swarm.stageOf(id) : noisyStage;
        }
        double plainSquares = 0;
        double weightedSquares = 0;
        int others = 0;
        for (int c = 0; c < weighted.miners(); c++)
        {
            final int id = weighted.roster().minerId(c);
            // the interaction form averages a miner over its partners cell by cell, and a cell's own pair
            // term soaks up whatever weight its samples get, so next to the noisy stage weights cannot help
            if (Math.abs(swarm.stageOf(id) - noisyStage) <= (interactions ? 1 : 0))
            {
                continue;
            }
            // 1/8 of a miner's samples carry variance 6.3 against 0.06: weights cut its error about fourfold
            assertTrue(weighted.standardError(c) < 0.5 * plain.standardError(c),
                "miner " + id + ": se " + weighted.standardError(c) + " weighted vs " + plain.standardError(c));
            plainSquares += sq(plain.credit(c) - swarm.credit(id));
            weightedSquares += sq(weighted.credit(c) - swarm.credit(id));
            others++;
        }
        assertEquals(0, noisyStage, "seed 21 plants the noisy miner in stage 0");
        assertEquals(interactions ? 16 : 24, others);
        assertTrue(weightedSquares < 0.25 * plainSquares,
            "RMS error " + Math.sqrt(weightedSquares / others) + " weighted vs " + Math.sqrt(plainSquares / others));
    }

    @Test
    void reweightedIntervalsStillCoverTheTruth()
    {
        final CreditEstimator estimator = estimator(false, 1);
        final CreditReport report = new CreditReport();
        int covered = 0;
        int total = 0;
        for (long seed = 300; seed < 330; seed++)
        {
            final SyntheticSwarm swarm = noisySwarm(seed);
            estimator.estimate(EstimatorRecoveryTest.generate(swarm), report);
            for (int c = 0; c < report.miners(); c++)
            {
                final double truth = swarm.credit(report.roster().minerId(c));
                covered += report.lower(c) <= truth && truth <= report.upper(c) ? 1 : 0;
                total++;
            }
        }
        final double coverage = (double)covered / total;
        assertTrue(coverage > 0.92 && coverage < 0.98, "coverage " + coverage + " of " + total);
    }

    @Test
    void homoscedasticLossesKeepThePlainFit()
    {
        // with every miner equally noisy the weights stay near 1, so the credits barely move
        final SyntheticSwarm swarm = new SyntheticSwarm(new SwarmSettings().seed(8).samples(SAMPLES)
            .honestSpread(0.05));
        final PathwayBatch batch = EstimatorRecoveryTest.generate(swarm);
        final CreditReport plain = new CreditReport();
        final CreditReport weighted = new CreditReport();
        estimator(false, 0).estimate(batch, plain);
        estimator(false, 2).estimate(batch, weighted);
        for (int c = 0; c < plain.miners(); c++)
        {
            assertEquals(plain.credit(c), weighted.credit(c), 0.25 * plain.standardError(c), "miner " + c);
        }
    }

    @Test
    void negativePassesAreRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> estimator(false, -1));
    }

    private static double sq(final double x)
    {
        return x * x;
    }
}
