package io.iotaj.runtime.claspsim;

import io.iotaj.clasp.sim.Behaviour;
import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;
import io.iotaj.runtime.data.TokenSource;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.model.Parameter;
import io.iotaj.runtime.model.Stage;

import java.util.SplittableRandom;

/**
 * One sample's forward pass through a pathway of simulated miners, with the real model. Every miner owns a
 * {@link Stage} holding the current phase's checkpoint of its stage plus its fixed honest perturbation
 * (a Gaussian direction times {@code perturbation} x the tensor's RMS, on the blocks' attention and FFN
 * matrices, its size set by {@link #calibrate}); the reference replica of each stage holds the
 * checkpoint unperturbed. Adversaries bend what they hand on:
 * <ul>
 *   <li>noise: adds Gaussian noise, standard deviation {@code noiseScale} x the row's RMS, to the activation it
 *       hands on; the last stage, whose output is logits, adds it to its final normalised hidden state (RMS
 *       taken as the final norm weight's), i.e. adds that noise times the LM head to the logits;</li>
 *   <li>lazy: computes no block and hands on its input's residual stream: stage 0 the embedding (its first b
 *       columns with a bottleneck), a middle stage its input, the last stage the final norm and LM head of its
 *       (zero-padded) input;</li>
 *   <li>stale: recomputes with probability 1 / {@code staleRecompute}; otherwise it replays the output of the
 *       last sample it computed, an earlier sample from an earlier step;</li>
 *   <li>pair: honest, except when routed to each other: then the upstream partner adds the noise above to
 *       what it hands on and the downstream partner is lazy.</li>
 * </ul>
 * The output of the last stage is the logits; the loss is the mean cross-entropy of the micro-batch.
 * Random choices (noise, stale recomputes) derive from (sample key, miner), so two passes of one sample
 * through different pathways see the same draws.
 */
final class PathwayForward
{
    /** Largest honest perturbation, relative to each tensor's RMS. */
    static final double MAX_PERTURBATION = 0.3;
    private static final int CALIBRATION_ROUNDS = 5;
    /** Eval-split sample ids used to calibrate the perturbations, apart from the ground truth's. */
    private static final long CALIBRATION_SAMPLE_BASE = 1L << 30;

    private final Backend be;
    private final ModelConfig config;
    private final ClaspSimSettings s;
    private final MinerLayout layout;
    private final CheckpointSeries series;
    private final Stage[] minerStage;
    private final Stage[] referenceStage;
    private final float[][][] direction;
    private final double[] perturbation;
    private int phase = -1;
    private final int batch;
    private final int seq;
    private final int rows;
    private final int width;
    private final int dim;
    private final int vocab;
    private final Tensor[] input;
    private final Tensor logits;
    private final Tensor dLogits;
    private final Tensor embedded;
    private final Tensor padded;
    private final Tensor normed;
    private final Tensor rstd;
    private float[] current;
    private float[] next;
    private final float[] hostLogits;
    private final float[] noiseLogits;
    private final float[] wide;
    private final float[][] staleCache;

    PathwayForward(final Backend backend, final ClaspSimSettings settings, final MinerLayout layout,
        final CheckpointSeries series)
    {
        this.be = backend;
        this.config = series.config();
        this.s = settings;
        this.layout = layout;
        this.series = series;
        perturbation = new double[layout.miners()];
        minerStage = new Stage[layout.miners()];
        direction = new float[layout.miners()][][];
        for (int m = 0; m < minerStage.length; m++)
        {
            minerStage[m] = new Stage(backend, config, layout.stageOf(m));
            direction[m] = directions(minerStage[m], mix(settings.seed(), m, 5));
        }
        referenceStage = new Stage[config.stageCount()];
        for (int st = 0; st < referenceStage.length; st++)
        {
            referenceStage[st] = new Stage(backend, config, st);
        }
        batch = settings.microBatch;
        seq = settings.seqLen;
        rows = batch * seq;
        width = config.boundaryWidth();
        dim = config.dim();
        vocab = config.vocabSize();
        input = new Tensor[config.stageCount()];
        for (int st = 1; st < input.length; st++)
        {
            input[st] = backend.allocate(rows, width);
        }
        logits = backend.allocate(rows, vocab);
        dLogits = backend.allocate(rows, vocab);
        embedded = backend.allocate(rows, dim);
        padded = backend.allocate(rows, dim);
        normed = backend.allocate(rows, dim);
        rstd = backend.allocate(rows);
        current = new float[rows * width];
        next = new float[rows * width];
        hostLogits = new float[rows * vocab];
        noiseLogits = new float[rows * vocab];
        wide = new float[rows * dim];
        staleCache = new float[layout.miners()][];
    }

    /** Loads checkpoint {@code index} into every miner (with its perturbation) and every reference replica. */
    void setPhase(final int index)
    {
        if (index == phase)
        {
            return;
        }
        phase = index;
        for (int m = 0; m < minerStage.length; m++)
        {
            loadMiner(m);
        }
        for (final Stage reference : referenceStage)
        {
            reference.parameters().load(series.values(index), series.shapes(),
                "checkpoint at step " + series.step(index));
        }
    }

    /** The current phase's checkpoint plus the miner's perturbation, into its stage. */
    private void loadMiner(final int m)
    {
        final java.util.Map<String, float[]> values = series.values(phase);
        int k = 0;
        for (final Parameter p : minerStage[m].parameters().all())
        {
            final float[] base = values.get(p.name());
            final float[] w = base.clone();
            final double scale = perturbed(p.name()) ? perturbation[m] * rms(base) : 0;
            final float[] d = direction[m][k++];
            for (int i = 0; i < w.length; i++)
            {
                w[i] += (float)(scale * d[i]);
            }
            be.write(w, p.value());
        }
    }

    /** Relative size of each miner's weight perturbation (see {@link #calibrate}). */
    double perturbation(final int minerId)
    {
        return perturbation[minerId];
    }

    /**
     * Sets each miner's perturbation so that, at the last phase and with reference replicas everywhere else,
     * its stage alone raises the loss on {@code samples} held-out micro-batches by about {@code target[m]}
     * nats: five rescalings of a first guess, using that the penalty grows about quadratically with the
     * perturbation, capped at {@code MAX_PERTURBATION} (a stage the model hardly uses never reaches its
     * target). Leaves the phase to be set again.
     */
    void calibrate(final double[] target, final TokenSource data, final int samples)
    {
        setPhase(series.size() - 1);
        final int[][] tok = new int[samples][rows];
        final int[][] tgt = new int[samples][rows];
        final double[] base = new double[samples];
        for (int k = 0; k < samples; k++)
        {
            data.batch(s.seed(), TokenSource.Split.EVAL, CALIBRATION_SAMPLE_BASE + (long)k * batch, batch, seq, tok[k],
                tgt[k]);
            base[k] = honestLoss(-1, null, tok[k], tgt[k]);
        }
        for (int m = 0; m < perturbation.length; m++)
        {
            if (!(target[m] > 0))
            {
                continue;
            }
            double eps = 0.1;
            for (int round = 0; round < CALIBRATION_ROUNDS; round++)
            {
                perturbation[m] = eps;
                loadMiner(m);
                double penalty = 0;
                for (int k = 0; k < samples; k++)
                {
                    penalty += honestLoss(layout.stageOf(m), minerStage[m], tok[k], tgt[k]) - base[k];
                }
                penalty /= samples;
                // the penalty grows about as eps^2; where it is still lost in the noise, double eps
                eps = Math.min(MAX_PERTURBATION,
                    penalty > 0.1 * target[m] ? eps * Math.sqrt(target[m] / penalty) : 2 * eps);
            }
            perturbation[m] = eps;
        }
        phase = -1;
    }

    /** Loss through the reference replicas, with {@code replacement} computing honestly at {@code stage}. */
    private double honestLoss(final int stage, final Stage replacement, final int[] tokens, final int[] targets)
    {
        referenceForward(config.stageCount() - 1, stage, replacement, tokens);
        be.write(hostLogits, logits);
        return be.crossEntropy(logits, targets, dLogits);
    }

    /**
     * Runs stages 0 to {@code through} on the reference replicas, {@code replacement} computing honestly at
     * {@code stage}; returns stage {@code through}'s output ({@link #hostLogits} for the last stage, else
     * {@link #current}).
     */
    private float[] referenceForward(final int through, final int stage, final Stage replacement, final int[] tokens)
    {
        final int last = config.stageCount() - 1;
        for (int st = 0; st <= through; st++)
        {
            final Stage computing = st == stage ? replacement : referenceStage[st];
            if (st == last)
            {
                compute(st, computing, tokens, hostLogits);
                return hostLogits;
            }
            compute(st, computing, tokens, next);
            final float[] t = current;
            current = next;
            next = t;
        }
        return current;
    }

    int phase()
    {
        return phase;
    }

    /**
     * Sets every stale miner's cached output to what it computes for {@code tokens}, fed by the reference
     * replicas upstream: the state it would be in had that been the last sample it computed.
     */
    void primeStale(final int[] tokens)
    {
        for (int m = 0; m < staleCache.length; m++)
        {
            if (layout.behaviour(m) != Behaviour.STALE)
            {
                continue;
            }
            final int stage = layout.stageOf(m);
            staleCache[m] = referenceForward(stage, stage, minerStage[m], tokens).clone();
        }
    }

    /**
     * Mean cross-entropy of one sample (batch x seq tokens) through {@code pathway} at the current phase.
     *
     * @param key      identifies the sample for the random draws
     * @param replaced the stage whose miner is swapped for the honest reference replica (newest weights,
     *                 no behaviour), or -1
     * @param commit   whether stale miners keep what they compute (false for a counterfactual pass)
     */
    double loss(final long key, final int[] tokens, final int[] targets, final int[] pathway, final int replaced,
        final boolean commit)
    {
        final int stages = config.stageCount();
        for (int st = 0; st < stages; st++)
        {
            final boolean reference = st == replaced;
            final int m = pathway[st];
            final Stage stage = reference ? referenceStage[st] : minerStage[m];
            Behaviour b = reference ? Behaviour.HONEST : layout.behaviour(m);
            if (b == Behaviour.PAIR)
            {
                // partners only know each other when neither is swapped for the reference replica
                final boolean toPartner = st + 1 < stages && replaced != st + 1 &&
                    pathway[st + 1] == layout.partner(m);
                final boolean fromPartner = st > 0 && replaced != st - 1 && pathway[st - 1] == layout.partner(m);
                b = toPartner ? Behaviour.NOISE : fromPartner ? Behaviour.LAZY : Behaviour.HONEST;
            }
            final boolean last = st == stages - 1;
            final float[] out = last ? hostLogits : next;
            if (b == Behaviour.STALE && staleCache[m] != null && !recomputes(key, m))
            {
                System.arraycopy(staleCache[m], 0, out, 0, out.length);
            }
            else if (b == Behaviour.LAZY)
            {
                passThrough(st, stage, tokens, out);
            }
            else
            {
                compute(st, stage, tokens, out);
                if (b == Behaviour.NOISE && last)
                {
                    addHiddenNoise(stage, out, new SplittableRandom(mix(key, m, 2)));
                }
                else if (b == Behaviour.NOISE)
                {
                    addNoise(out, width, new SplittableRandom(mix(key, m, 2)));
                }
                else if (b == Behaviour.STALE && commit)
                {
                    staleCache[m] = out.clone();
                }
            }
            if (!last)
            {
                final float[] t = current;
                current = next;
                next = t;
            }
        }
        be.write(hostLogits, logits);
        return be.crossEntropy(logits, targets, dLogits);
    }

    /** Real stage forward: tokens (stage 0) or {@link #current} in, output into {@code out}. */
    private void compute(final int st, final Stage stage, final int[] tokens, final float[] out)
    {
        final Tensor y;
        if (st == 0)
        {
            y = stage.forwardTokens(tokens, batch, seq);
        }
        else
        {
            be.write(current, input[st]);
            y = stage.forward(input[st], batch, seq);
        }
        be.read(y, out);
    }

    /** The residual stream with no block computed (see the class comment). */
    private void passThrough(final int st, final Stage stage, final int[] tokens, final float[] out)
    {
        if (st == 0)
        {
            be.embedding(tokens, stage.parameters().get("tok_emb.weight").value(), embedded);
            be.read(embedded, wide);
            for (int r = 0; r < rows; r++)
            {
                System.arraycopy(wide, r * dim, out, r * width, width);
            }
        }
        else if (st < config.stageCount() - 1)
        {
            System.arraycopy(current, 0, out, 0, rows * width);
        }
        else
        {
            java.util.Arrays.fill(wide, 0f);
            for (int r = 0; r < rows; r++)
            {
                System.arraycopy(current, r * width, wide, r * dim, width);
            }
            be.write(wide, padded);
            be.rmsNorm(padded, stage.parameters().get("norm.weight").value(), config.normEps(), normed, rstd);
            be.gemm(false, true, rows, vocab, dim, normed, stage.parameters().get("lm_head.weight").value(), logits,
                false);
            be.read(logits, out);
        }
    }

    /** Adds N(0, (noiseScale * rms(row))^2) to every element of each row of {@code cols} values. */
    private void addNoise(final float[] values, final int cols, final SplittableRandom random)
    {
        for (int r = 0; r < rows; r++)
        {
            double ss = 0;
            for (int c = 0; c < cols; c++)
            {
                final double v = values[r * cols + c];
                ss += v * v;
            }
            final double sd = s.noiseScale * Math.sqrt(ss / cols);
            for (int c = 0; c < cols; c++)
            {
                values[r * cols + c] += (float)(sd * random.nextGaussian());
            }
        }
    }

    /** Last stage: logits += (noise [rows, dim], sd noiseScale x rms(norm weight)) x LM head'. */
    private void addHiddenNoise(final Stage stage, final float[] hostOut, final SplittableRandom random)
    {
        final float[] normWeight = new float[dim];
        be.read(stage.parameters().get("norm.weight").value(), normWeight);
        final double sd = s.noiseScale * rms(normWeight);
        for (int i = 0; i < wide.length; i++)
        {
            wide[i] = (float)(sd * random.nextGaussian());
        }
        be.write(wide, padded);
        be.gemm(false, true, rows, vocab, dim, padded, stage.parameters().get("lm_head.weight").value(), logits,
            false);
        be.read(logits, noiseLogits);
        for (int i = 0; i < hostOut.length; i++)
        {
            hostOut[i] += noiseLogits[i];
        }
    }

    private boolean recomputes(final long key, final int minerId)
    {
        return new SplittableRandom(mix(key, minerId, 1)).nextInt(s.staleRecompute) == 0;
    }

    /** Honest perturbations touch the blocks' attention and FFN matrices only. */
    private static boolean perturbed(final String name)
    {
        return name.contains(".attn.") || name.contains(".ffn.");
    }

    /** A fixed N(0, 1) direction per parameter of the stage, in parameter order. */
    private static float[][] directions(final Stage stage, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final float[][] out = new float[stage.parameters().all().size()][];
        int k = 0;
        for (final Parameter p : stage.parameters().all())
        {
            final float[] d = new float[p.size()];
            for (int i = 0; i < d.length; i++)
            {
                d[i] = (float)random.nextGaussian();
            }
            out[k++] = d;
        }
        return out;
    }

    private static double rms(final float[] values)
    {
        double ss = 0;
        for (final float v : values)
        {
            ss += (double)v * v;
        }
        return Math.sqrt(ss / Math.max(1, values.length));
    }

    /** SplitMix64 of three values. */
    static long mix(final long a, final long b, final long c)
    {
        long z = a * 0x9E3779B97F4A7C15L + b * 0xBF58476D1CE4E5B9L + c * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
