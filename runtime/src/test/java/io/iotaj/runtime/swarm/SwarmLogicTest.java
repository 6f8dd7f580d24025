package io.iotaj.runtime.swarm;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SwarmLogicTest
{
    @Test
    void assignerBalancesThroughputAndStaffsEveryStage()
    {
        final List<StageAssigner.Candidate> miners = List.of(new StageAssigner.Candidate(1, 4),
            new StageAssigner.Candidate(2, 2), new StageAssigner.Candidate(3, 2), new StageAssigner.Candidate(4, 1),
            new StageAssigner.Candidate(5, 1), new StageAssigner.Candidate(6, 1), new StageAssigner.Candidate(7, 1));
        final int[] stage = StageAssigner.assign(miners, 3);
        final double[] load = new double[3];
        for (int i = 0; i < stage.length; i++)
        {
            load[stage[i]] += miners.get(i).throughput();
        }
        assertArrayEquals(new double[]{4, 4, 4}, load, 0.0, "12 units of throughput over 3 stages");
        assertArrayEquals(stage, StageAssigner.assign(miners, 3), "deterministic");
        // a single very fast miner does not leave a stage empty
        final int[] few = StageAssigner.assign(List.of(new StageAssigner.Candidate(1, 100),
            new StageAssigner.Candidate(2, 1), new StageAssigner.Candidate(3, 1)), 3);
        assertEquals(3, java.util.Arrays.stream(few).distinct().count());
        assertThrows(IllegalArgumentException.class, () -> new StageAssigner.Candidate(1, Double.NaN));
    }

    @Test
    void routerFollowsThroughputAndSkipsFullQueues()
    {
        final StochasticRouter router = new StochasticRouter(1);
        final double[] tp = {1, 3, 0};
        final int[] queued = {0, 0, 0};
        final int[] hits = new int[3];
        for (int i = 0; i < 40_000; i++)
        {
            hits[router.choose(tp, queued, 2, 3)]++;
        }
        assertEquals(0, hits[2], "zero throughput is never chosen");
        assertEquals(0.75, hits[1] / 40_000.0, 0.01, "probability proportional to throughput");
        queued[1] = 2;
        for (int i = 0; i < 100; i++)
        {
            assertEquals(0, router.choose(tp, queued, 2, 3), "full queue skipped");
        }
        queued[0] = 2;
        assertEquals(StochasticRouter.NONE, router.choose(tp, queued, 2, 3));
    }

    @Test
    void phasesMoveOnShareOrTimeoutAndNeverWaitForTheDead()
    {
        final PhaseMachine pm = new PhaseMachine(0.75, 4, 1_000, 500, 0);
        assertFalse(pm.update(10, 4, 2, 0));
        assertTrue(pm.update(20, 4, 3, 0), "3 of 4 is the 75% share");
        assertEquals(PhaseMachine.Phase.MERGE, pm.phase());
        assertEquals(1, pm.round());
        assertFalse(pm.update(30, 4, 0, 3));
        assertTrue(pm.update(40, 3, 0, 3), "a miner died: the three alive are enough");
        assertEquals(PhaseMachine.Phase.TRAIN, pm.phase());
        assertFalse(pm.update(1_000, 4, 0, 0), "timeout with nobody ready stays in TRAIN");
        assertTrue(pm.update(1_100, 4, 1, 0), "timeout with someone ready merges");
        assertTrue(pm.update(1_700, 4, 0, 1), "merge timeout");
    }

    @Test
    void sampleBookCountsEachLossOnceAndReissuesAfterEviction()
    {
        final SampleBook book = new SampleBook();
        book.dispatch(1, 10, 0);
        book.dispatch(2, 11, 0);
        book.extendPathway(1, 0, 20);
        book.extendPathway(2, 0, 21);
        assertEquals(SampleBook.Refusal.NEVER_DISPATCHED, book.complete(99, 0));
        final List<long[]> again = book.reissue(20, Long.MIN_VALUE, 5);
        assertEquals(1, again.size());
        assertArrayEquals(new long[]{1, 1, 10}, again.get(0), "micro-batch, new attempt, old head");
        assertEquals(SampleBook.Refusal.STALE_ATTEMPT, book.complete(1, 0), "late loss of the old attempt");
        assertEquals(SampleBook.Refusal.NONE, book.complete(1, 1));
        assertEquals(SampleBook.Refusal.ALREADY_COMPLETED, book.complete(1, 1));
        assertEquals(SampleBook.Refusal.NONE, book.complete(2, 0));
        assertEquals(book.dispatched(), book.completed());
        assertEquals(1, book.reissued());
        assertThrows(IllegalStateException.class, () -> book.dispatch(1, 10, 0));
    }

    @Test
    void livenessEvictsSilentParticipantsOnce()
    {
        final Liveness live = new Liveness(100);
        live.heard(1, 0);
        live.heard(2, 0);
        live.heard(2, 90);
        assertEquals(List.of(1), live.evictSilent(150));
        assertEquals(new ArrayList<>(), live.evictSilent(160));
        live.heard(1, 170);
        assertFalse(live.isAlive(1), "an evicted miner stays evicted");
        assertEquals(1, live.aliveCount());
    }
}
