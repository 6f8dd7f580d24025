package io.iotaj.clasp.sim;

import io.iotaj.clasp.ledger.PathwayBatch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticSwarmTest
{
    @Test
    void theSameSeedGivesTheSameLedger()
    {
        final SwarmSettings settings = new SwarmSettings().seed(9).adversaries(AdversaryMix.parse("noise:1,pair:1"));
        final PathwayBatch a = generate(new SyntheticSwarm(settings));
        final PathwayBatch b = generate(new SyntheticSwarm(settings));
        final PathwayBatch c = generate(new SyntheticSwarm(new SwarmSettings().seed(10)
            .adversaries(AdversaryMix.parse("noise:1,pair:1"))));
        double difference = 0;
        for (int i = 0; i < a.size(); i++)
        {
            assertEquals(a.loss(i), b.loss(i));
            for (int s = 0; s < a.stages(); s++)
            {
                assertEquals(a.miner(i, s), b.miner(i, s));
            }
            difference += Math.abs(a.loss(i) - c.loss(i));
        }
        assertNotEquals(0.0, difference);
    }

    @Test
    void plantsTheRequestedAdversariesWithPairsOnAdjacentStages()
    {
        final SyntheticSwarm swarm = new SyntheticSwarm(new SwarmSettings().seed(3)
            .adversaries(AdversaryMix.parse("noise:2,lazy:1,stale:1,pair:1")));
        final int[] count = new int[Behaviour.values().length];
        final int[] perStage = new int[swarm.stages()];
        for (int id = 0; id < swarm.miners(); id++)
        {
            count[swarm.behaviour(id).ordinal()]++;
            perStage[swarm.stageOf(id)] += swarm.adversary(id) ? 1 : 0;
            if (swarm.behaviour(id) == Behaviour.PAIR)
            {
                assertEquals(1, Math.abs(swarm.stageOf(id) - swarm.stageOf(swarm.partner(id))));
                assertEquals(id, swarm.partner(swarm.partner(id)));
            }
        }
        assertEquals(2, count[Behaviour.NOISE.ordinal()]);
        assertEquals(1, count[Behaviour.LAZY.ordinal()]);
        assertEquals(1, count[Behaviour.STALE.ordinal()]);
        assertEquals(2, count[Behaviour.PAIR.ordinal()]);
        for (final int n : perStage)
        {
            assertTrue(n <= 2, "adversaries are spread over stages");
        }
    }

    @Test
    void trainingLowersTheLossOverTime()
    {
        final PathwayBatch batch = generate(new SyntheticSwarm(new SwarmSettings().seed(2)));
        double early = 0;
        double late = 0;
        for (int i = 0; i < 200; i++)
        {
            early += batch.loss(i);
            late += batch.loss(batch.size() - 1 - i);
        }
        assertTrue(early / 200 > late / 200 + 0.5);
    }

    @Test
    void rejectsBadAdversarySpecifications()
    {
        assertEquals(0, AdversaryMix.parse("").miners());
        assertEquals(7, AdversaryMix.parse("noise:2, lazy:1,stale:1,pair:1,noise:1").miners());
        assertEquals("noise:3,lazy:1,stale:1,pair:1",
            AdversaryMix.parse("noise:2,lazy:1,stale:1,pair:1,noise:1").toString());
        assertThrows(IllegalArgumentException.class, () -> AdversaryMix.parse("noise"));
        assertThrows(IllegalArgumentException.class, () -> AdversaryMix.parse("sneaky:1"));
        assertThrows(IllegalArgumentException.class, () -> AdversaryMix.parse("honest:1"));
        assertThrows(IllegalArgumentException.class, () -> AdversaryMix.parse("noise:x"));
        assertThrows(IllegalArgumentException.class, () -> AdversaryMix.parse("noise:-1"));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticSwarm(new SwarmSettings()
            .stages(2).replicas(2).adversaries(AdversaryMix.parse("noise:5"))));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticSwarm(new SwarmSettings()
            .stages(1).adversaries(AdversaryMix.parse("pair:1"))));
    }

    @Test
    void refusesAdversariesThatLeaveAStageWithoutAnHonestMajority()
    {
        final SyntheticSwarm three = new SyntheticSwarm(new SwarmSettings().stages(2).replicas(8)
            .adversaries(AdversaryMix.parse("noise:6")));
        for (int s = 0; s < 2; s++)
        {
            int adversaries = 0;
            for (int r = 0; r < 8; r++)
            {
                adversaries += three.adversary(s * 8 + r) ? 1 : 0;
            }
            assertEquals(3, adversaries, "stage " + s);
        }
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new SyntheticSwarm(
            new SwarmSettings().stages(2).replicas(8).adversaries(AdversaryMix.parse("noise:6,lazy:1"))));
        assertTrue(ex.getMessage().contains("honest majority"), ex.getMessage());
    }

    private static PathwayBatch generate(final SyntheticSwarm swarm)
    {
        final PathwayBatch batch = new PathwayBatch(swarm.stages(), swarm.settings().samples());
        swarm.generate(batch::add);
        return batch;
    }
}
