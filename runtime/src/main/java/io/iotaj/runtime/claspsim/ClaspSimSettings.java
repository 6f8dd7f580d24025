package io.iotaj.runtime.claspsim;

import io.iotaj.clasp.sim.AdversaryMix;
import io.iotaj.clasp.sim.Behaviour;
import io.iotaj.clasp.sim.SwarmShape;
import io.iotaj.runtime.model.ModelConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that determines one {@link ClaspSimulation}: the swarm ({@link SwarmShape}), the small
 * model and its pre-training, and the planted behaviours' strengths. Fluent setters;
 * {@link #validate()} turns bad combinations into {@link IllegalArgumentException}s.
 */
public final class ClaspSimSettings extends SwarmShape<ClaspSimSettings>
{

    // the model: one block per pipeline stage and full-width boundaries, or two with a bottleneck
    int dim = 48;
    int heads = 4;
    int kvHeads = 2;
    int ffn = 128;
    int bottleneck = 0;
    int blocksPerStage = 1;
    int seqLen = 30;
    /** Sequences per sample (one pathway carries one micro-batch of this many sequences). */
    int microBatch = 4;

    // pre-training: steps to the first checkpoint, then one checkpoint every `checkpointEvery` steps
    int pretrainSteps = 1360;
    int pretrainBatch = 16;
    int checkpointEvery = 20;
    double learningRate = 3e-3;

    // the run's time: `phases` checkpoints served in order, the miners moving on together
    int phases = 8;

    /** Loss penalty in nats of the worst honest replica (replica r: spread * r / (replicas - 1)). */
    double honestSpread = 0.1;
    /** Held-out micro-batches that calibrate the honest perturbations. */
    int calibrationSamples = 8;

    double noiseScale = 1.0;
    int staleRecompute = 64;

    int truthSamples = 48;
    int flagStride = 100;

    public ClaspSimSettings()
    {
        super(AdversaryMix.parse("noise:2,lazy:1,stale:1,pair:1"));
    }

    @Override
    protected ClaspSimSettings self()
    {
        return this;
    }

    /** Model width, FFN width and bottleneck width (0: none); two blocks per stage with a bottleneck, else one. */
    public ClaspSimSettings model(final int modelDim, final int ffnDim, final int bottleneckDim)
    {
        dim = modelDim;
        ffn = ffnDim;
        bottleneck = bottleneckDim;
        blocksPerStage = bottleneckDim > 0 ? 2 : 1;
        return this;
    }

    /** Sequences per sample and tokens per sequence. */
    public ClaspSimSettings sample(final int sequences, final int tokens)
    {
        microBatch = sequences;
        seqLen = tokens;
        return this;
    }

    /** Pre-training steps before the first checkpoint, and steps between checkpoints. */
    public ClaspSimSettings pretrain(final int warmSteps, final int stepsPerCheckpoint)
    {
        pretrainSteps = warmSteps;
        checkpointEvery = stepsPerCheckpoint;
        return this;
    }

    /** Pre-training steps up to the last checkpoint, keeping the checkpoint spacing. */
    public ClaspSimSettings pretrainTotal(final int totalSteps)
    {
        pretrainSteps = totalSteps - (checkpoints() - 1) * checkpointEvery;
        if (pretrainSteps < 1)
        {
            throw new IllegalArgumentException("pre-training needs more than " + (checkpoints() - 1) * checkpointEvery +
                " steps (" + checkpoints() + " checkpoints " + checkpointEvery + " steps apart), got " + totalSteps);
        }
        return this;
    }

    /** Checkpoints served over the run, one phase each. */
    public ClaspSimSettings phases(final int value)
    {
        phases = value;
        return this;
    }

    /** Loss penalty in nats of the worst honest replica. */
    public ClaspSimSettings honestSpread(final double value)
    {
        honestSpread = value;
        return this;
    }

    /** noise: standard deviation of the added noise relative to the output's RMS. */
    public ClaspSimSettings noiseScale(final double value)
    {
        noiseScale = value;
        return this;
    }

    /** stale: computes one sample in this many and replays that output for the others. */
    public ClaspSimSettings staleRecompute(final int value)
    {
        staleRecompute = value;
        return this;
    }

    /** Held-out pathways per miner for the ablation ground truth. */
    public ClaspSimSettings truthSamples(final int value)
    {
        truthSamples = value;
        return this;
    }

    /** Prefix stride for samples-to-flag (0 skips it). */
    public ClaspSimSettings flagStride(final int value)
    {
        flagStride = value;
        return this;
    }

    /** Checkpoints the run needs: one per phase. */
    int checkpoints()
    {
        return phases;
    }

    /** Pre-training steps of the last checkpoint. */
    int lastCheckpointStep()
    {
        return pretrainSteps + (checkpoints() - 1) * checkpointEvery;
    }

    /** The checkpoint phase of a run step: 0 .. phases-1, evenly over the run. */
    int phaseOf(final long step)
    {
        return (int)Math.min(phases - 1, step * phases / runSteps());
    }

    /** Target loss penalty in nats of replica r's honest perturbation: honestSpread * r / (replicas - 1). */
    double honestPenalty(final int replica)
    {
        return replicas() == 1 ? 0 : honestSpread * replica / (replicas() - 1);
    }

    /** The model: byte vocabulary, `blocksPerStage` blocks per stage, a bottleneck at every boundary. */
    public ModelConfig model()
    {
        final List<int[]> split = new ArrayList<>();
        for (int s = 0; s < stages(); s++)
        {
            split.add(new int[]{s * blocksPerStage, (s + 1) * blocksPerStage});
        }
        return new ModelConfig(256, dim, stages() * blocksPerStage, heads, kvHeads, ffn, bottleneck, seqLen, 10000.0,
            1e-5f, split);
    }

    /** Throws an {@link IllegalArgumentException} naming the first bad setting. */
    public ClaspSimSettings validate()
    {
        atLeast("--stages", stages(), 2);
        atLeast("--replicas", replicas(), 2);
        atLeast("phases", phases, 1);
        atLeast("pre-training steps", pretrainSteps, 1);
        atLeast("steps per checkpoint", checkpointEvery, 1);
        atLeast("sequences per sample", microBatch, 1);
        atLeast("tokens per sequence", seqLen, 2);
        atLeast("held-out pathways per miner", truthSamples, 1);
        atLeast("stale recompute interval", staleRecompute, 1);
        atLeast("flag stride", flagStride, 0);
        if (!(noiseScale >= 0) || !(honestSpread >= 0))
        {
            throw new IllegalArgumentException("noise scale and honest spread must be non-negative, got " +
                noiseScale + ", " + honestSpread);
        }
        final int perStage = (replicas() - 1) / 2;
        final int pairs = adversaries().count(Behaviour.PAIR);
        if (adversaries().miners() > stages() * perStage || pairs > (stages() - 1) * perStage)
        {
            throw new IllegalArgumentException("--adversaries " + adversaries() + ": " + adversaries().miners() +
                " adversarial miners do not fit " + stages() + " stages of " + replicas() +
                " replicas with an honest majority in every stage (at most " + perStage + " per stage)");
        }
        model();
        return this;
    }

    public Map<String, Object> toMap()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("stages", stages());
        m.put("replicas", replicas());
        m.put("samples", samples());
        m.put("adversaries", adversaries().toString());
        m.put("seed", seed());
        m.put("model", Map.of("dim", dim, "ffn_dim", ffn, "bottleneck_dim", bottleneck, "blocks_per_stage",
            blocksPerStage, "heads", heads, "kv_heads", kvHeads));
        m.put("sample_sequences", microBatch);
        m.put("sample_tokens", seqLen);
        m.put("pretrain_steps", lastCheckpointStep());
        m.put("checkpoint_every", checkpointEvery);
        m.put("phases", phases);
        m.put("honest_spread", honestSpread);
        m.put("samples_per_step", samplesPerStep());
        m.put("noise_scale", noiseScale);
        m.put("stale_recompute", staleRecompute);
        m.put("truth_samples", truthSamples);
        return m;
    }

    private static void atLeast(final String what, final long value, final long min)
    {
        if (value < min)
        {
            throw new IllegalArgumentException(what + " must be at least " + min + ", got " + value);
        }
    }
}
