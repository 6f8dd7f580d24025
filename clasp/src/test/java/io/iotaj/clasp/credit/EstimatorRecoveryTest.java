package io.iotaj.clasp.credit;

import io.iotaj.clasp.ClaspEstimators;
import io.iotaj.clasp.eval.DetectionMetrics;
import io.iotaj.clasp.ledger.PathwayBatch;
import io.iotaj.clasp.sim.AdversaryMix;
import io.iotaj.clasp.sim.SwarmSettings;
import io.iotaj.clasp.sim.SyntheticSwarm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each estimator recovers known miner effects from a synthetic ledger: honest miners with a wide quality
 * spread, a strong training trend and uneven routing.
 */
class EstimatorRecoveryTest
{
    private static final int SAMPLES = 5000;

    @ParameterizedTest
    @ValueSource(strings = {"marginal", "additive", "interaction"})
    void recoversKnownEffects(final String name)
    {
        final SyntheticSwarm swarm = new SyntheticSwarm(new SwarmSettings()
            .seed(11).samples(SAMPLES).honestSpread(0.08).lossNoise(0.2));
        final PathwayBatch batch = generate(swarm);
        final CreditReport report = new CreditReport();
        ClaspEstimators.byName(name).estimate(batch, report);

        assertEquals(name, report.estimator());
        assertEquals(SAMPLES, report.samples());
        assertEquals(swarm.miners(), report.miners());
        final double[] credit = new double[report.miners()];
        final double[] truth = new double[report.miners()];
        long samples = 0;
        for (int c = 0; c < report.miners(); c++)
        {
            final int id = report.roster().minerId(c);
            credit[c] = report.credit(c);
            truth[c] = name.equals("marginal") ? swarm.marginalCredit(id) : swarm.credit(id);
            samples += report.samples(c);
            // each miner's error within 4.5 standard errors (all 32 miners: a loose family-wise bound)
            assertTrue(Math.abs(credit[c] - truth[c]) < 4.5 * report.standardError(c),
                name + " miner " + id + ": credit " + credit[c] + " truth " + truth[c] + " se " +
                report.standardError(c));
            assertTrue(report.lower(c) < report.credit(c) && report.credit(c) < report.upper(c));
        }
        assertEquals((long)SAMPLES * swarm.stages(), samples);
        final double rho = DetectionMetrics.spearman(credit, truth, credit.length);
        // the marginal estimator leaves time and the other stages' miners in its noise
        assertTrue(rho > (name.equals("marginal") ? 0.9 : 0.95), name + " spearman " + rho);
    }

    @ParameterizedTest
    @ValueSource(strings = {"additive", "interaction"})
    void regressionsAreTighterThanMarginalBecauseTheyRemoveTimeAndOtherStages(final String name)
    {
        final SyntheticSwarm swarm = new SyntheticSwarm(new SwarmSettings().seed(3).samples(SAMPLES));
        final PathwayBatch batch = generate(swarm);
        final CreditReport marginal = new CreditReport();
        final CreditReport regression = new CreditReport();
        ClaspEstimators.byName("marginal").estimate(batch, marginal);
        ClaspEstimators.byName(name).estimate(batch, regression);
        for (int c = 0; c < marginal.miners(); c++)
        {
            assertTrue(regression.standardError(c) < marginal.standardError(c),
                "miner " + c + ": " + regression.standardError(c) + " vs " + marginal.standardError(c));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"additive", "interaction"})
    void ridgeCreditsAreCentredWithinEachStage(final String name)
    {
        final SyntheticSwarm swarm = new SyntheticSwarm(new SwarmSettings().seed(5)
            .adversaries(AdversaryMix.parse("noise:1,lazy:1")));
        final CreditReport report = new CreditReport();
        ClaspEstimators.byName(name).estimate(generate(swarm), report);
        for (int s = 0; s < report.roster().stages(); s++)
        {
            double sum = 0;
            final int first = report.roster().firstColumn(s);
            for (int c = first; c < first + report.roster().minersInStage(s); c++)
            {
                sum += report.credit(c);
            }
            assertEquals(0, sum, 1e-9);
        }
    }

    @org.junit.jupiter.api.Test
    void pairCreditsAreDoubleCentredAndFindOnlyThePlantedPair()
    {
        final SyntheticSwarm swarm = new SyntheticSwarm(new SwarmSettings().seed(12).samples(SAMPLES)
            .adversaries(AdversaryMix.parse("pair:1")));
        final CreditReport report = new CreditReport();
        ClaspEstimators.byName("interaction").estimate(generate(swarm), report);
        assertEquals(3 * 64, report.pairs(), "every adjacent pair is seen in 5,000 samples");
        final double[] rowSums = new double[report.miners()];
        final double[] colSums = new double[report.miners()];
        int worst = 0;
        for (int p = 0; p < report.pairs(); p++)
        {
            rowSums[report.pairFirstColumn(p)] += report.pairCredit(p);
            colSums[report.pairSecondColumn(p)] += report.pairCredit(p);
            worst = report.pairCredit(p) < report.pairCredit(worst) ? p : worst;
            assertTrue(report.pairStandardError(p) > 0);
        }
        for (int c = 0; c < report.miners(); c++)
        {
            assertEquals(0, rowSums[c], 1e-9);
            assertEquals(0, colSums[c], 1e-9);
        }
        final int first = report.roster().minerId(report.pairFirstColumn(worst));
        final int second = report.roster().minerId(report.pairSecondColumn(worst));
        assertEquals(second, swarm.partner(first));
        // the planted 0.8 shows up, double-centred over 8 x 8 and a little shrunk by the ridge
        assertTrue(report.pairCredit(worst) < -0.5 && report.pairUpper(worst) < -0.3,
            "pair credit " + report.pairCredit(worst));
    }

    static PathwayBatch generate(final SyntheticSwarm swarm)
    {
        final PathwayBatch batch = new PathwayBatch(swarm.stages(), swarm.settings().samples());
        swarm.generate(batch::add);
        return batch;
    }
}
