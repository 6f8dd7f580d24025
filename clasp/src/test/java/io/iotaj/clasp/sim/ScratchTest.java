package io.iotaj.clasp.sim;

import io.iotaj.clasp.ClaspEstimators;
import io.iotaj.clasp.credit.*;
import io.iotaj.clasp.detect.*;
import io.iotaj.clasp.ledger.PathwayBatch;
import org.junit.jupiter.api.Test;

class ScratchTest
{
    @Test
    void print()
    {
        final SyntheticSwarm swarm = new SyntheticSwarm(new SwarmSettings().seed(1)
            .adversaries(AdversaryMix.parse("noise:2,lazy:1,stale:1,pair:1")));
        final PathwayBatch batch = new PathwayBatch(4, 2000);
        swarm.generate(batch::add);
        for (String name : ClaspEstimators.NAMES)
        {
            CreditReport r = new CreditReport();
            DetectionReport d = new DetectionReport();
            ClaspEstimators.byName(name).estimate(batch, r);
            ClaspEstimators.detector().detect(r, d);
            System.out.println(name);
            for (int c = 0; c < r.miners(); c++)
            {
                int id = r.roster().minerId(c);
                System.out.printf("%2d s%d %-7s truth %+.3f credit %+.3f se %.3f n %d dev %.2f med %+.3f scale %.3f %s%n", id, r.roster().stageOf(c), swarm.behaviour(id), swarm.credit(id), r.credit(c), r.standardError(c), r.samples(c), d.deviation(c), d.stageMedian(c), d.stageScale(c), d.excluded(c) ? "FLAG" : "");
            }
            System.out.print(d.describe());
        }
    }
}
