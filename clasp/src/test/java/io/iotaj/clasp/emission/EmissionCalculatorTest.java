package io.iotaj.clasp.emission;

import io.iotaj.clasp.ClaspEstimators;
import io.iotaj.clasp.credit.CreditReport;
import io.iotaj.clasp.detect.DetectionReport;
import io.iotaj.clasp.ledger.PathwayBatch;
import io.iotaj.clasp.sim.AdversaryMix;
import io.iotaj.clasp.sim.SwarmSettings;
import io.iotaj.clasp.sim.SyntheticSwarm;
import io.iotaj.codecs.FrameValidator;
import io.iotaj.codecs.RejectReason;
import io.iotaj.codecs.json.Json;
import io.iotaj.codecs.sbe.MessageHeaderDecoder;
import io.iotaj.codecs.sbe.ScoresDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmissionCalculatorTest
{
    @TempDir
    Path dir;

    @Test
    void sharesSumToOneMinusBurnAndFlaggedMinersGetNothing()
    {
        final SyntheticSwarm swarm = new SyntheticSwarm(new SwarmSettings().seed(21).samples(5000)
            .noise(0.3, 0.3).lazy(0.3, 0.2).adversaries(AdversaryMix.parse("noise:1,lazy:1")));
        final DetectionReport detection = detect(swarm);
        assertEquals(2, detection.flaggedMiners(), detection.describe());
        final WorkTally work = tally(detection.credits());

        final EmissionCalculator calculator = new EmissionCalculator(0.3, 0.1, 1.0);
        for (int window = 0; window < 3; window++)
        {
            final EmissionWindow w = calculator.next(detection, work, 0, 5000, 0, 313);
            assertEquals(window, w.window);
            assertEquals(32, w.miners());
            assertEquals(0.9, w.paid(), 1e-12);
            assertEquals(0.1, w.burn, 1e-12);
            for (int i = 0; i < w.miners(); i++)
            {
                final boolean adversary = swarm.adversary(w.minerId(i));
                assertEquals(adversary, w.excluded(i));
                if (adversary)
                {
                    assertEquals(0.0, w.share(i));
                    assertEquals(0.0, w.quality(i));
                }
                else
                {
                    assertTrue(w.share(i) > 0);
                    assertTrue(w.quality(i) > 0 && w.quality(i) < 2);
                }
            }
        }
    }

    @Test
    void betterCreditEarnsMoreForTheSameWork()
    {
        final SyntheticSwarm swarm = new SyntheticSwarm(new SwarmSettings().seed(4).samples(5000).honestSpread(0.1));
        final DetectionReport detection = detect(swarm);
        final WorkTally work = new WorkTally();
        for (int c = 0; c < detection.miners(); c++)
        {
            work.processed(detection.credits().roster().minerId(c), detection.credits().roster().stageOf(c), 100);
        }
        final EmissionWindow w = new EmissionCalculator(1, 0, 1).next(detection, work, 0, 1, 0, 1);
        for (int i = 0; i < w.miners(); i++)
        {
            for (int j = 0; j < w.miners(); j++)
            {
                if (w.credit(i) > w.credit(j) && w.stage(i) == w.stage(j))
                {
                    assertTrue(w.share(i) > w.share(j));
                }
            }
        }
    }

    @Test
    void smoothsWithTheMovingAverageAndZeroesANewlyFlaggedMinerAtOnce()
    {
        final EmissionCalculator calculator = new EmissionCalculator(0.5, 0, 1);
        final WorkTally work = new WorkTally();
        work.processed(0, 0, 300);
        work.processed(1, 0, 100);
        final EmissionWindow first = calculator.next(null, work, 0, 1, 0, 1);
        assertEquals(0.75, first.share(0), 1e-12);
        assertEquals(0.25, first.share(1), 1e-12);
        assertEquals("none", first.estimator);

        work.clear();
        work.processed(0, 0, 100);
        work.processed(1, 0, 300);
        final EmissionWindow second = calculator.next(null, work, 1, 2, 1, 2);
        assertEquals(0.5 * 0.25 + 0.5 * 0.75, second.share(0), 1e-12);
        assertEquals(0.5 * 0.75 + 0.5 * 0.25, second.share(1), 1e-12);

        // a miner that stops working decays rather than vanishing
        work.clear();
        work.processed(1, 0, 100);
        final EmissionWindow third = calculator.next(null, work, 2, 3, 2, 3);
        assertEquals(0.25, third.share(third.indexOf(0)), 1e-12);
        assertEquals(0.75, third.share(third.indexOf(1)), 1e-12);
    }

    @Test
    void aMinerFailingMostOfItsChecksIsPaidNothingEvenWithWorkLeft()
    {
        final WorkTally work = new WorkTally();
        work.processed(1, 0, 100);
        work.processed(2, 0, 100);
        work.failed(1, 3);
        work.passed(1, 2);
        work.failed(2, 1);
        work.passed(2, 4);
        final EmissionWindow w = new EmissionCalculator(1, 0, 1).next(null, work, 0, 1, 0, 1);
        assertEquals(97, w.work(w.indexOf(1)), "its unchecked work still counts as validated work");
        assertTrue(w.excluded(w.indexOf(1)), "3 of 5 checks failed");
        assertEquals(0.0, w.share(w.indexOf(1)));
        assertFalse(w.excluded(w.indexOf(2)), "1 of 5 checks failed: a minority");
        assertEquals(1.0, w.share(w.indexOf(2)), 1e-12);
    }

    @Test
    void burnsEverythingWhenNobodyDidValidatedWork()
    {
        final WorkTally work = new WorkTally();
        work.processed(3, 1, 10);
        work.failed(3, 10);
        final EmissionWindow w = new EmissionCalculator(0.3, 0.2, 1).next(null, work, 0, 1, 0, 1);
        assertEquals(0, w.work(0));
        assertEquals(0.0, w.paid());
        assertEquals(1.0, w.burn);
    }

    @Test
    void workTallyKeepsSparseIdsInOrderWithoutSizingByTheLargestId()
    {
        final WorkTally work = new WorkTally();
        for (int i = 40; i >= 0; i--)
        {
            work.processed(i * 1000, i % 4, i);
        }
        work.processed(Integer.MAX_VALUE, 3, 7);
        work.failed(Integer.MAX_VALUE, 2);
        work.processed(5000, 1, 1);
        assertEquals(42, work.size());
        for (int i = 1; i < work.size(); i++)
        {
            assertTrue(work.minerId(i - 1) < work.minerId(i));
        }
        assertEquals(6, work.processed(work.indexOf(5000)));
        assertEquals(5, work.validated(work.indexOf(Integer.MAX_VALUE)));
        assertEquals(-1, work.indexOf(1));
        assertThrows(IllegalArgumentException.class, () -> work.processed(-1, 0, 1));
        work.clear();
        assertEquals(0, work.size());
    }

    @Test
    void aWindowTravelsAsAValidScoresFrame()
    {
        final WorkTally work = new WorkTally();
        work.processed(4, 0, 30);
        work.processed(70, 1, 10);
        final EmissionWindow w = new EmissionCalculator(0.5, 0.25, 1).next(null, work, 0, 1, 0, 1);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[ScoresFrameEncoder.length(w) + 8]);
        final int length = new ScoresFrameEncoder().encode(w, 77, buffer, 8);
        assertEquals(ScoresFrameEncoder.length(w), length);
        assertEquals(RejectReason.NONE, new FrameValidator(true).validate(buffer, 8, length));
        final ScoresDecoder decoded = new ScoresDecoder().wrapAndApplyHeader(buffer, 8, new MessageHeaderDecoder());
        assertEquals(77, decoded.runId());
        assertEquals(0, decoded.epoch());
        final ScoresDecoder.EntriesDecoder entries = decoded.entries();
        assertEquals(2, entries.count());
        assertEquals(4, entries.next().minerId());
        assertEquals(0.75 * 0.75, entries.score(), 1e-12);
        assertEquals(70, entries.next().minerId());
        assertEquals(0.25 * 0.75, entries.score(), 1e-12);
        assertThrows(IllegalArgumentException.class,
            () -> new ScoresFrameEncoder().encode(w, 77, new UnsafeBuffer(new byte[16]), 0));
    }

    @Test
    void rejectsBadSettings()
    {
        assertThrows(IllegalArgumentException.class, () -> new EmissionCalculator(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new EmissionCalculator(0.5, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new EmissionCalculator(0.5, 0, -1));
    }

    @Test
    void historyPersistsWindowsAndRestoresTheMovingAverage()
    {
        final WorkTally work = new WorkTally();
        work.processed(0, 0, 300);
        work.processed(1, 0, 100);
        final EmissionCalculator calculator = new EmissionCalculator(0.5, 0.05, 1);
        final EmissionWindow first;
        try (EmissionHistory history = new EmissionHistory(dir))
        {
            first = calculator.next(null, work, 0, 10, 0, 2);
            history.append(first);
        }
        work.clear();
        work.processed(1, 0, 100);
        final EmissionWindow expected = calculator.next(null, work, 10, 20, 2, 4);

        try (EmissionHistory history = new EmissionHistory(dir))
        {
            final EmissionWindow stored = history.latest();
            assertNotNull(stored);
            assertEquals(Json.write(first.toMap()), Json.write(stored.toMap()));
            final EmissionCalculator restarted = new EmissionCalculator(0.5, 0.05, 1);
            restarted.restore(stored);
            final EmissionWindow again = restarted.next(null, work, 10, 20, 2, 4);
            assertEquals(Json.write(expected.toMap()), Json.write(again.toMap()));
            history.append(again);
            final List<EmissionWindow> both = history.last(5);
            assertEquals(2, both.size());
            assertEquals(0, both.get(0).window);
            assertEquals(1, both.get(1).window);
            assertEquals(0, history.malformed());
        }
    }

    private static DetectionReport detect(final SyntheticSwarm swarm)
    {
        final PathwayBatch batch = new PathwayBatch(swarm.stages(), swarm.settings().samples());
        swarm.generate(batch::add);
        final CreditReport credits = new CreditReport();
        ClaspEstimators.byName("additive").estimate(batch, credits);
        final DetectionReport detection = new DetectionReport();
        ClaspEstimators.detector().detect(credits, detection);
        return detection;
    }

    private static WorkTally tally(final CreditReport credits)
    {
        final WorkTally work = new WorkTally();
        for (int c = 0; c < credits.miners(); c++)
        {
            work.processed(credits.roster().minerId(c), credits.roster().stageOf(c), credits.samples(c));
        }
        return work;
    }
}
