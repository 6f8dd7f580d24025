package io.iotaj.runtime.swarm;

import java.util.SplittableRandom;

/**
 * SWARM-style stochastic wiring: picks the next-stage miner with probability proportional to its
 * advertised throughput, skipping miners whose queues are full or that are gone. Allocation-free;
 * the caller owns the arrays and updates them from routing tables and queue-depth reports.
 */
public final class StochasticRouter
{
    /** Returned when no candidate can take the sample. */
    public static final int NONE = -1;

    private final SplittableRandom rng;

    public StochasticRouter(final long seed)
    {
        this.rng = new SplittableRandom(seed);
    }

    /**
     * @param throughput advertised throughput per candidate (<= 0 or NaN: not eligible).
     * @param queued     samples queued at each candidate.
     * @param capacity   the queue bound; a candidate with queued >= capacity is skipped.
     * @return the chosen index, or {@link #NONE}.
     */
    public int choose(final double[] throughput, final int[] queued, final int capacity, final int count)
    {
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            if (eligible(throughput[i], queued[i], capacity))
            {
                total += throughput[i];
            }
        }
        if (total <= 0)
        {
            return NONE;
        }
        double r = rng.nextDouble() * total;
        int last = NONE;
        for (int i = 0; i < count; i++)
        {
            if (eligible(throughput[i], queued[i], capacity))
            {
                last = i;
                r -= throughput[i];
                if (r < 0)
                {
                    return i;
                }
            }
        }
        return last;
    }

    private static boolean eligible(final double throughput, final int queued, final int capacity)
    {
        return throughput > 0 && queued < capacity;
    }
}
