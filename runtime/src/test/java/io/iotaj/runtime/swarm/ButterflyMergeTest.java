package io.iotaj.runtime.swarm;

import io.iotaj.kernels.AdamWConfig;
import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;
import io.iotaj.kernels.cpu.CpuBackend;
import io.iotaj.runtime.train.LrSchedule;
import io.iotaj.runtime.train.TrainSettings;
import io.iotaj.transport.MediaDriverHost;
import io.aeron.CommonContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The swarm's merge: replicas of a stage over Aeron end with the exact weighted mean of their states. */
class ButterflyMergeTest
{
    private static final int[] SIZES = {3000, 17, 41_000};

    @Test
    void everyReplicaEndsWithTheExactWeightedMeanThenRegroupsWithoutAnEvictedOne() throws Exception
    {
        final SwarmSettings s = new SwarmSettings(TrainSettings.defaultModel(), 2, 3, 4, 2, 16, 1,
            Compression.BOTTLENECK_Q8C, 2, new AdamWConfig(1e-3f, 0.9f, 0.95f, 1e-8f, 0.1f), new LrSchedule(1e-3, 1, 4, 0.1),
            1.0, 2, 0.75, 5_000, 20_000, 9_000, 77, Validation.OFF);
        final Backend be = new CpuBackend();
        final int[] ids = {4, 9, 2};
        try (MediaDriverHost driver = MediaDriverHost.embedded(
            CommonContext.getAeronDirectoryName() + "-iotaj-merge-" + UUID.randomUUID()))
        {
            final Directory directory = Directory.ipc();
            final List<List<Tensor>> states = new ArrayList<>();
            final List<ButterflyMerge> merges = new ArrayList<>();
            final SplittableRandom random = new SplittableRandom(5);
            for (final int id : ids)
            {
                final List<Tensor> state = new ArrayList<>();
                for (final int size : SIZES)
                {
                    state.add(be.allocate(size));
                }
                fill(be, state, random);
                states.add(state);
                final ButterflyMerge m = new ButterflyMerge(driver.aeron(), directory, s, 1, id, be, state);
                m.regroup(ids);
                merges.add(m);
            }
            final long[] weights = {3, 1, 2};
            final double[] expected = weightedMean(be, states, weights, 0, 1, 2);
            runRound(merges, 1, weights, new boolean[]{true, true, true});
            for (final List<Tensor> state : states)
            {
                assertClose(expected, flat(be, state));
            }

            // replica 9 is evicted: the other two regroup on fresh streams and merge between themselves
            fill(be, states.get(0), random);
            fill(be, states.get(2), random);
            merges.get(0).leaveOut(9);
            merges.get(2).leaveOut(9);
            merges.get(1).close();
            final double[] survivors = weightedMean(be, states, weights, 0, 2);
            runRound(merges, 2, weights, new boolean[]{true, false, true});
            assertClose(survivors, flat(be, states.get(0)));
            assertClose(survivors, flat(be, states.get(2)));

            // a group of one merges with nobody
            merges.get(0).regroup(new int[]{4});
            assertFalse(merges.get(0).start(3, 1));
            merges.forEach(ButterflyMerge::close);
        }
    }

    private static void runRound(final List<ButterflyMerge> merges, final int round, final long[] weights,
        final boolean[] taking) throws Exception
    {
        for (int i = 0; i < merges.size(); i++)
        {
            if (taking[i])
            {
                assertTrue(merges.get(i).start(round, weights[i]));
            }
        }
        final long deadline = System.nanoTime() + 30_000_000_000L;
        final boolean[] done = new boolean[merges.size()];
        int left = 0;
        for (final boolean t : taking)
        {
            left += t ? 1 : 0;
        }
        while (left > 0 && System.nanoTime() < deadline)
        {
            for (int i = 0; i < merges.size(); i++)
            {
                if (taking[i] && !done[i])
                {
                    merges.get(i).doWork();
                    if (merges.get(i).finish(round))
                    {
                        done[i] = true;
                        left--;
                    }
                }
            }
        }
        assertEquals(0, left, "every replica finished round " + round);
        for (int i = 0; i < merges.size(); i++)
        {
            if (taking[i])
            {
                assertEquals(0, merges.get(i).rejected(), "no frame refused");
            }
        }
    }

    private static void fill(final Backend be, final List<Tensor> state, final SplittableRandom random)
    {
        for (final Tensor t : state)
        {
            final float[] v = new float[t.size()];
            for (int i = 0; i < v.length; i++)
            {
                v[i] = (float)random.nextDouble(-1, 1);
            }
            be.write(v, t);
        }
    }

    private static float[] flat(final Backend be, final List<Tensor> state)
    {
        final float[] out = new float[WeightReport.length(state)];
        Flat.read(be, state, out);
        return out;
    }

    private static double[] weightedMean(final Backend be, final List<List<Tensor>> states, final long[] weights,
        final int... who)
    {
        final double[] sum = new double[WeightReport.length(states.get(0))];
        double total = 0;
        for (final int i : who)
        {
            final float[] v = flat(be, states.get(i));
            for (int k = 0; k < v.length; k++)
            {
                sum[k] += weights[i] * (double)v[k];
            }
            total += weights[i];
        }
        for (int k = 0; k < sum.length; k++)
        {
            sum[k] /= total;
        }
        return sum;
    }

    private static void assertClose(final double[] expected, final float[] actual)
    {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int k = 0; k < actual.length; k++)
        {
            worst = Math.max(worst, Math.abs(expected[k] - actual[k]));
        }
        assertTrue(worst < 1e-6, "largest difference from the exact weighted mean: " + worst);
    }
}
