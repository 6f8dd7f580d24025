package io.iotaj.runtime.swarm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Places miners on stages so that every stage's aggregate throughput is as even as possible: fastest
 * miners first, each onto the stage with the least throughput so far (longest-processing-time greedy,
 * within 4/3 of optimal). A miner twice as fast counts twice. Ties go to the stage with fewer miners,
 * then the lower index, so the result is deterministic.
 */
public final class StageAssigner
{
    /** A miner's id and advertised throughput (e.g. measured GFLOP/s). */
    public record Candidate(int minerId, double throughput)
    {
        public Candidate
        {
            if (!(throughput > 0) || !Double.isFinite(throughput))
            {
                throw new IllegalArgumentException("miner " + minerId + " advertises throughput " + throughput);
            }
        }
    }

    private StageAssigner()
    {
    }

    /** Stage index for each candidate, in the candidates' order. Every stage gets a miner when there are enough. */
    public static int[] assign(final List<Candidate> candidates, final int stages)
    {
        if (stages < 1)
        {
            throw new IllegalArgumentException("need at least one stage");
        }
        final List<Integer> order = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++)
        {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -candidates.get(i).throughput())
            .thenComparingInt(i -> candidates.get(i).minerId()));
        final double[] load = new double[stages];
        final int[] count = new int[stages];
        final int[] out = new int[candidates.size()];
        for (final int i : order)
        {
            int best = 0;
            for (int s = 1; s < stages; s++)
            {
                // an empty stage always wins, so every stage is staffed before any gets a second miner
                final boolean emptier = count[s] == 0 && count[best] > 0;
                final boolean lighter = (count[s] == 0) == (count[best] == 0) &&
                    (load[s] < load[best] || (load[s] == load[best] && count[s] < count[best]));
                if (emptier || lighter)
                {
                    best = s;
                }
            }
            out[i] = best;
            load[best] += candidates.get(i).throughput();
            count[best]++;
        }
        return out;
    }
}
