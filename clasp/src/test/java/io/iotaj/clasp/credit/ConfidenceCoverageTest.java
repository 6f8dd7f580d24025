package io.iotaj.clasp.credit;

import io.iotaj.clasp.ClaspEstimators;
import io.iotaj.clasp.sim.AdversaryMix;
import io.iotaj.clasp.sim.SwarmSettings;
import io.iotaj.clasp.sim.SyntheticSwarm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 95% intervals cover the true credit about 95% of the time over repeated seeds. The swarms include
 * two noise miners, so residuals are heteroscedastic (what the sandwich errors are for); effects are
 * additive, so the truth is exact for every estimator.
 */
class ConfidenceCoverageTest
{
    private static final int SEEDS = 40;

    @ParameterizedTest
    @ValueSource(strings = {"marginal", "additive", "interaction"})
    void intervalsCoverTheTruthAtAboutTheNominalRate(final String name)
    {
        final CreditEstimator estimator = ClaspEstimators.byName(name);
        final CreditReport report = new CreditReport();
        int covered = 0;
        int total = 0;
        for (long seed = 100; seed < 100 + SEEDS; seed++)
        {
            final SyntheticSwarm swarm = new SyntheticSwarm(new SwarmSettings()
                .seed(seed).samples(2000).honestSpread(0.05).adversaries(AdversaryMix.parse("noise:2")));
            estimator.estimate(EstimatorRecoveryTest.generate(swarm), report);
            for (int c = 0; c < report.miners(); c++)
            {
                final int id = report.roster().minerId(c);
                final double truth = name.equals("marginal") ? swarm.marginalCredit(id) : swarm.credit(id);
                covered += report.lower(c) <= truth && truth <= report.upper(c) ? 1 : 0;
                total++;
            }
        }
        final double coverage = (double)covered / total;
        System.out.printf("coverage %s: %.3f of %d intervals%n", name, coverage, total);
        assertTrue(coverage > 0.92 && coverage < 0.98, name + " coverage " + coverage);
    }
}
