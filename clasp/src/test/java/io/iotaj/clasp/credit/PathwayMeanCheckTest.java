package io.iotaj.clasp.credit;

import io.iotaj.clasp.ClaspConfiguration;
import io.iotaj.clasp.ledger.PathwayBatch;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A swarm whose losses do not add up along a pathway: stage 1's miner {@link #MASK} replays old outputs, so
 * a loss through it owes nothing to stage 0, whose miner {@link #WRECK} otherwise adds a nat and much noise.
 * Fitting effects that add up to losses that do not, the weighted fit overrates the damage the mask does by
 * a tenth of a nat or more, and shifts the mask's peers by a quarter of that; the check must bring the credits
 * toward the exact marginal values (mean loss over uniformly random pathways through a miner, centred on its
 * stage).
 */
class PathwayMeanCheckTest
{
    private static final int STAGES = 3;
    private static final int REPLICAS = 4;
    private static final int WRECK = 0;
    private static final int MASK = REPLICAS;
    private static final double[] EFFECT = {
        1.0, 0.02, -0.01, -0.03,
        0.6, 0.01, -0.02, 0.03,
        0.0, 0.04, -0.02, 0.01};

    /** Noise-free loss of a pathway (miner ids, stage-major); {@code masked}: the mask ignores stage 0. */
    private static double loss(final int[] pathway, final boolean masked)
    {
        double loss = 2.0;
        for (int s = 0; s < STAGES; s++)
        {
            loss += masked && s == 0 && pathway[1] == MASK ? 0 : EFFECT[pathway[s]];
        }
        return loss;
    }

    private static double noise(final int[] pathway, final boolean masked)
    {
        return !masked ? 0.1 : pathway[1] == MASK ? 0.8 : pathway[0] == WRECK ? 1.5 : 0.1;
    }

    /** Uniformly random pathways; {@code masked} false: losses add up and noise is the same everywhere. */
    private static PathwayBatch ledger(final long seed, final int samples, final boolean masked)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final PathwayBatch batch = new PathwayBatch(STAGES, samples);
        final int[] pathway = new int[STAGES];
        for (int i = 0; i < samples; i++)
        {
            for (int s = 0; s < STAGES; s++)
            {
                pathway[s] = s * REPLICAS + random.nextInt(REPLICAS);
            }
            batch.add(i, i / 16, pathway, loss(pathway, masked) + noise(pathway, masked) * random.nextGaussian());
        }
        return batch;
    }

    /** Exact marginal credit: every pathway through the miner, stage-centred, loss negated. */
    private static double[] truth()
    {
        final double[] mean = new double[STAGES * REPLICAS];
        final int[] pathway = new int[STAGES];
        final int paths = (int)Math.pow(REPLICAS, STAGES);
        for (int p = 0; p < paths; p++)
        {
            for (int s = 0, rest = p; s < STAGES; s++, rest /= REPLICAS)
            {
                pathway[s] = s * REPLICAS + rest % REPLICAS;
            }
            for (int s = 0; s < STAGES; s++)
            {
                mean[pathway[s]] += loss(pathway, true) * REPLICAS / paths;
            }
        }
        final double[] credit = new double[mean.length];
        for (int m = 0; m < mean.length; m++)
        {
            double stageMean = 0;
            for (int k = 0; k < REPLICAS; k++)
            {
                stageMean += mean[m / REPLICAS * REPLICAS + k] / REPLICAS;
            }
            credit[m] = stageMean - mean[m];
        }
        return credit;
    }

    private static RidgeCreditEstimator additive(final double checkZ)
    {
        return RidgeCreditEstimator.additive(ClaspConfiguration.CONFIDENCE_Z, 1.0, 100, 32, 1, checkZ);
    }

    @Test
    void theCheckBringsANonAdditiveSwarmTowardItsMarginalValues()
    {
        final double[] truth = truth();
        final CreditReport plain = new CreditReport();
        final CreditReport checked = new CreditReport();
        double plainSquares = 0;
        double checkedSquares = 0;
        for (long seed = 1; seed <= 5; seed++)
        {
            final PathwayBatch batch = ledger(seed, 4000, true);
            additive(Double.POSITIVE_INFINITY).estimate(batch, plain);
            additive(2.0).estimate(batch, checked);
            for (int c = 0; c < checked.miners(); c++)
            {
                final int id = checked.roster().minerId(c);
                plainSquares += sq(plain.credit(c) - truth[id]);
                checkedSquares += sq(checked.credit(c) - truth[id]);
                if (id == MASK)
                {
                    // the fit overrates the damage; the soft threshold keeps up to 2 standard errors of it
                    assertTrue(plain.credit(c) < truth[id] - 0.08, "seed " + seed + ": " + plain.credit(c));
                    assertTrue(checked.credit(c) > plain.credit(c) + 0.04 && checked.credit(c) < truth[id],
                        "seed " + seed + ": " + checked.credit(c) + " vs " + plain.credit(c) + ", truth " + truth[id]);
                }
            }
        }
        assertTrue(checkedSquares < 0.5 * plainSquares,
            "squared error " + checkedSquares + " checked vs " + plainSquares + " unchecked");
    }

    @Test
    void anAdditiveSwarmKeepsItsFittedCredits()
    {
        // no masking: the loss is the sum of effects, so own-sample means agree with the fit
        final PathwayBatch batch = ledger(9, 3000, false);
        final CreditReport plain = new CreditReport();
        final CreditReport checked = new CreditReport();
        additive(Double.POSITIVE_INFINITY).estimate(batch, plain);
        additive(2.0).estimate(batch, checked);
        for (int c = 0; c < plain.miners(); c++)
        {
            assertEquals(plain.credit(c), checked.credit(c), 0.5 * plain.standardError(c), "miner " + c);
        }
    }

    private static double sq(final double x)
    {
        return x * x;
    }

    @Test
    void aNegativeThresholdIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> additive(-1));
        assertThrows(IllegalArgumentException.class, () -> additive(Double.NaN));
    }
}
