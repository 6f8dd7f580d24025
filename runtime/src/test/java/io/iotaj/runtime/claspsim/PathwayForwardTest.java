package io.iotaj.runtime.claspsim;

import io.iotaj.clasp.sim.AdversaryMix;
import io.iotaj.clasp.sim.Behaviour;
import io.iotaj.kernels.cpu.CpuBackend;
import io.iotaj.runtime.data.SyntheticArithmetic;
import io.iotaj.runtime.data.TokenSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The stale miner's replay and {@link PathwayForward#primeStale}, on a 2-stage model pre-trained for a few
 * steps. No calibration runs, so every miner holds its checkpoint unperturbed, like the reference replicas.
 */
class PathwayForwardTest
{
    private static final TokenSource DATA = new SyntheticArithmetic();
    private static CpuBackend backend;
    private static CheckpointSeries series;

    @BeforeAll
    static void pretrain() throws IOException
    {
        backend = new CpuBackend();
        series = CheckpointSeries.obtain(backend, settings(1), DATA, null,
            new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    static void close()
    {
        backend.close();
    }

    /** 2 stages x 3 replicas with one stale miner that recomputes one sample in {@code recomputeEvery}. */
    private static ClaspSimSettings settings(final int recomputeEvery)
    {
        return new ClaspSimSettings().stages(2).replicas(3).samples(16).seed(3)
            .adversaries(AdversaryMix.parse("stale:1")).pretrain(4, 1).staleRecompute(recomputeEvery).validate();
    }

    @Test
    void aPrimedStaleMinerReplaysWhatItComputedForThePrimingSample()
    {
        final ClaspSimSettings never = settings(Integer.MAX_VALUE);
        final MinerLayout layout = new MinerLayout(never);
        final PathwayForward replaying = new PathwayForward(backend, never, layout, series);
        final PathwayForward computing = new PathwayForward(backend, settings(1), layout, series);
        replaying.setPhase(0);
        computing.setPhase(0);
        final int[] pathway = pathwayThroughStale(layout);
        final Sample a = sample(0);
        final Sample b = sample(1);

        replaying.primeStale(b.tokens);
        final double replayed = replaying.loss(7, b.tokens, b.targets, pathway, -1, false);
        assertEquals(computing.loss(7, b.tokens, b.targets, pathway, -1, false), replayed, 1e-9,
            "primed with b, the stale miner hands on what it computes for b");
        // whatever comes in, it replays the primed output: a's tokens with b's targets score the same
        assertEquals(replayed, replaying.loss(8, a.tokens, b.targets, pathway, -1, false), 1e-9);

        replaying.primeStale(a.tokens);
        final double stale = replaying.loss(7, b.tokens, b.targets, pathway, -1, false);
        assertNotEquals(replayed, stale, "primed with a, b's loss comes from a's output");
    }

    private static int[] pathwayThroughStale(final MinerLayout layout)
    {
        final int[] pathway = new int[layout.stages()];
        int stale = -1;
        for (int id = 0; id < layout.miners(); id++)
        {
            stale = layout.behaviour(id) == Behaviour.STALE ? id : stale;
        }
        for (int st = 0; st < pathway.length; st++)
        {
            pathway[st] = st == layout.stageOf(stale) ? stale : firstHonest(layout, st);
        }
        return pathway;
    }

    private static int firstHonest(final MinerLayout layout, final int stage)
    {
        for (int id = stage * layout.replicas(); ; id++)
        {
            if (layout.behaviour(id) == Behaviour.HONEST)
            {
                return id;
            }
        }
    }

    private static Sample sample(final long index)
    {
        final ClaspSimSettings s = settings(1);
        final Sample out = new Sample(new int[s.microBatch * s.seqLen], new int[s.microBatch * s.seqLen]);
        DATA.batch(s.seed(), TokenSource.Split.EVAL, index * s.microBatch, s.microBatch, s.seqLen, out.tokens,
            out.targets);
        return out;
    }

    private record Sample(int[] tokens, int[] targets)
    {
    }
}
