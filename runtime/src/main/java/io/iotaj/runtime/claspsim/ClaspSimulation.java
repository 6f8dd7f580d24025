package io.iotaj.runtime.claspsim;

import io.iotaj.clasp.ClaspEstimators;
import io.iotaj.clasp.credit.CreditEstimator;
import io.iotaj.clasp.credit.CreditReport;
import io.iotaj.clasp.detect.DetectionReport;
import io.iotaj.clasp.detect.ExploitDetector;
import io.iotaj.clasp.eval.DetectionMetrics;
import io.iotaj.clasp.eval.EstimatorScore;
import io.iotaj.clasp.eval.SamplesToFlag;
import io.iotaj.clasp.ledger.InMemoryPathwayLedger;
import io.iotaj.clasp.ledger.PathwayBatch;
import io.iotaj.clasp.ledger.PathwayLedger;
import io.iotaj.clasp.sim.Behaviour;
import io.iotaj.kernels.Backend;
import io.iotaj.runtime.data.TokenSource;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * CLASP on the project's real model: a small model is pre-trained (or its checkpoints read from the cache),
 * every stage gets {@code replicas} miners serving checkpoints of different age with planted adversaries
 * (see {@link PathwayForward}), and every sample runs forward through a uniformly random pathway, its loss
 * appended to a pathway ledger. Over the run the served checkpoints advance, so the loss falls as in
 * training. Each estimator then scores the whole ledger and is compared with the ablation ground truth:
 * per stage, the same held-out pathways are run with each of its miners and with an honest reference
 * replica in its place.
 */
public final class ClaspSimulation
{
    /** Train-split sample ids of the run start here, far past the pre-training's. */
    static final long RUN_SAMPLE_BASE = 1L << 32;
    private static final int CPU_REPEATS = 5;

    private final Backend backend;
    private final ClaspSimSettings s;
    private final TokenSource data;
    private final Path cacheRoot;
    private final PrintStream log;

    /**
     * @param cacheRoot where pre-trained checkpoints are cached (null: train every time)
     * @param log       progress lines (stderr for the command line)
     */
    public ClaspSimulation(final Backend backend, final ClaspSimSettings settings, final TokenSource data,
        final Path cacheRoot, final PrintStream log)
    {
        this.backend = backend;
        this.s = settings.validate();
        this.data = data;
        this.cacheRoot = cacheRoot;
        this.log = log;
    }

    public ClaspSimReport run() throws IOException
    {
        final long start = System.nanoTime();
        final MinerLayout layout = new MinerLayout(s);
        final CheckpointSeries series = CheckpointSeries.obtain(backend, s, data, cacheRoot, log);
        final PathwayForward forward = new PathwayForward(backend, s, layout, series);
        final double[] target = new double[layout.miners()];
        final double[] perturbation = new double[layout.miners()];
        for (int m = 0; m < target.length; m++)
        {
            target[m] = layout.honestPenalty(m);
        }
        forward.calibrate(target, data, s.calibrationSamples);
        for (int m = 0; m < target.length; m++)
        {
            perturbation[m] = forward.perturbation(m);
        }
        final int stages = s.stages();
        final int rows = s.microBatch * s.seqLen;
        final int[] tokens = new int[rows];
        final int[] targets = new int[rows];
        final int[] pathway = new int[stages];
        final long[] samplesPerMiner = new long[layout.miners()];
        final double[] losses = new double[s.samples()];

        // the run: forward passes, each loss appended to the ledger
        final PathwayLedger ledger = new InMemoryPathwayLedger(stages);
        final SplittableRandom routing = new SplittableRandom(PathwayForward.mix(s.seed(), 3, 0));
        long ledgerCpu = 0;
        long loadCpu = 0;
        final long runStart = System.nanoTime();
        final long modelCpuStart = CpuClock.allThreads();
        for (int i = 0; i < s.samples(); i++)
        {
            final long step = i / s.samplesPerStep();
            data.batch(s.seed(), TokenSource.Split.TRAIN, RUN_SAMPLE_BASE + (long)i * s.microBatch, s.microBatch,
                s.seqLen, tokens, targets);
            for (int st = 0; st < stages; st++)
            {
                pathway[st] = st * s.replicas() + routing.nextInt(s.replicas());
                samplesPerMiner[pathway[st]]++;
            }
            if (forward.phase() != s.phaseOf(step))
            {
                final long loadStart = CpuClock.thread();
                forward.setPhase(s.phaseOf(step));
                loadCpu += CpuClock.thread() - loadStart;
            }
            losses[i] = forward.loss(i, tokens, targets, pathway, -1, true);
            final long appendStart = CpuClock.thread();
            ledger.append(i, step, pathway, losses[i]);
            ledgerCpu += CpuClock.thread() - appendStart;
        }
        final long modelCpu = CpuClock.allThreads() - modelCpuStart - ledgerCpu - loadCpu;
        final int tenth = Math.max(1, s.samples() / 10);
        final double firstLoss = mean(losses, 0, tenth);
        final double lastLoss = mean(losses, s.samples() - tenth, s.samples());
        log.printf("clasp-sim: %,d samples through %d x %d miners in %.1f s (%.1f s model CPU); loss %.3f -> %.3f%n",
            s.samples(), stages, s.replicas(), (System.nanoTime() - runStart) / 1e9, modelCpu / 1e9, firstLoss,
            lastLoss);

        // ground truth by ablation on held-out pathways
        final long truthStart = CpuClock.allThreads();
        final double[] truthVsReference = groundTruth(forward, layout);
        final long truthCpu = CpuClock.allThreads() - truthStart;
        final double[] truth = centreOnStage(truthVsReference, layout);

        final PathwayBatch batch = new PathwayBatch(stages, s.samples());
        ledger.lastRecords(s.samples(), batch);
        ledger.close();
        final List<EstimatorResult> results = new ArrayList<>();
        for (final String name : ClaspEstimators.NAMES)
        {
            results.add(evaluate(name, batch, layout, truth, ledgerCpu, modelCpu));
        }
        return new ClaspSimReport(s, layout, results, truth, truthVsReference, samplesPerMiner, perturbation, firstLoss,
            lastLoss,
            modelCpu, truthCpu, series.trainCpuNanos(), series.cached(), s.lastCheckpointStep(),
            (System.nanoTime() - start) / 1e9);
    }

    /**
     * Per stage, {@code truthSamples} (rounded up to a multiple of the replicas) held-out micro-batches, spread
     * evenly over the phases, each with a pathway whose other stages cycle through their replicas in a balanced
     * design (every replica of every other stage appears equally often, so a planted pair's partner does too).
     * Each is run once per miner of the stage in its slot and once with the honest reference replica there.
     * A miner's value is the mean of reference loss minus its loss.
     */
    private double[] groundTruth(final PathwayForward forward, final MinerLayout layout)
    {
        final int stages = s.stages();
        final int replicas = s.replicas();
        final int held = (s.truthSamples + replicas - 1) / replicas * replicas;
        final int rows = s.microBatch * s.seqLen;
        final int[] tokens = new int[rows];
        final int[] targets = new int[rows];
        final int[] primeTokens = new int[rows];
        final int[] primeTargets = new int[rows];
        final int[][] pathways = new int[stages * held][stages];
        final SplittableRandom random = new SplittableRandom(PathwayForward.mix(s.seed(), 4, 0));
        for (int st = 0; st < stages; st++)
        {
            final int[] offset = new int[stages];
            for (int h = 0; h < held; h++)
            {
                if (h % replicas == 0)
                {
                    for (int other = 0; other < stages; other++)
                    {
                        offset[other] = random.nextInt(replicas);
                    }
                }
                for (int other = 0; other < stages; other++)
                {
                    pathways[st * held + h][other] = other * replicas + (h + offset[other]) % replicas;
                }
            }
        }
        final double[] sum = new double[layout.miners()];
        for (int phase = 0; phase < s.phases; phase++)
        {
            forward.setPhase(phase);
            for (int st = 0; st < stages; st++)
            {
                for (int h = 0; h < held; h++)
                {
                    if ((long)h * s.phases / held != phase)
                    {
                        continue;
                    }
                    final long sample = (long)st * held + h;
                    final long key = -1 - sample;
                    data.batch(s.seed(), TokenSource.Split.EVAL, sample * s.microBatch, s.microBatch, s.seqLen, tokens,
                        targets);
                    // a stale miner replays whatever it last computed; a fresh earlier sample per held-out one
                    // makes its truth an average over such states, as in the run, not over the one or two
                    // outputs it would otherwise replay through the whole ablation
                    data.batch(s.seed(), TokenSource.Split.TRAIN, RUN_SAMPLE_BASE + (s.samples() + sample) * s.microBatch,
                        s.microBatch, s.seqLen, primeTokens, primeTargets);
                    forward.primeStale(primeTokens);
                    final int[] pathway = pathways[(int)sample];
                    final double reference = forward.loss(key, tokens, targets, pathway, st, false);
                    for (int r = 0; r < replicas; r++)
                    {
                        pathway[st] = st * replicas + r;
                        sum[pathway[st]] += reference - forward.loss(key, tokens, targets, pathway, -1, true);
                    }
                }
            }
        }
        for (int m = 0; m < sum.length; m++)
        {
            sum[m] /= held;
        }
        return sum;
    }

    private static double[] centreOnStage(final double[] values, final MinerLayout layout)
    {
        final double[] out = new double[values.length];
        for (int st = 0; st < layout.stages(); st++)
        {
            final int first = st * layout.replicas();
            final double mean = mean(values, first, first + layout.replicas());
            for (int m = first; m < first + layout.replicas(); m++)
            {
                out[m] = values[m] - mean;
            }
        }
        return out;
    }

    private EstimatorResult evaluate(final String name, final PathwayBatch batch, final MinerLayout layout,
        final double[] truth, final long ledgerCpu, final long modelCpu)
    {
        final CreditEstimator estimator = ClaspEstimators.byName(name);
        final ExploitDetector detector = ClaspEstimators.detector();
        final CreditReport credits = new CreditReport();
        final DetectionReport detection = new DetectionReport();
        estimator.estimate(batch, credits);
        detector.detect(credits, detection);

        // CPU of one estimate and detection over the whole ledger: median of warm repeats
        final long[] cpu = new long[CPU_REPEATS];
        final CreditReport scratchCredits = new CreditReport();
        final DetectionReport scratchDetection = new DetectionReport();
        for (int k = 0; k < CPU_REPEATS; k++)
        {
            final long t0 = CpuClock.thread();
            estimator.estimate(batch, scratchCredits);
            detector.detect(scratchCredits, scratchDetection);
            cpu[k] = CpuClock.thread() - t0;
        }
        Arrays.sort(cpu);
        final long attribution = ledgerCpu + cpu[CPU_REPEATS / 2];

        final EstimatorScore score = EstimatorScore.of(detection, id -> truth[id], layout::adversary);
        final double[] credit = new double[layout.miners()];
        final boolean[] excluded = new boolean[layout.miners()];
        Arrays.fill(credit, Double.NaN);
        final double[] suspicion = new double[layout.miners()];
        for (int c = 0; c < credits.miners(); c++)
        {
            final int id = credits.roster().minerId(c);
            credit[id] = credits.credit(c);
            excluded[id] = detection.excluded(c);
            suspicion[id] = detection.suspicion(c);
        }
        final Map<String, Integer> toFlag = new LinkedHashMap<>();
        if (s.flagStride > 0)
        {
            final int[] first = SamplesToFlag.measure(batch, estimator, detector, s.flagStride, layout.miners(),
                layout::adversary);
            for (int id = 0; id < layout.miners(); id++)
            {
                if (layout.adversary(id))
                {
                    toFlag.put(layout.behaviour(id).label() + ":" + id, first[id] < 0 ? null : first[id]);
                }
            }
        }
        final List<String> pairs = new ArrayList<>();
        for (int p = 0; p < credits.pairs(); p++)
        {
            if (detection.pairFlagged(p))
            {
                pairs.add(credits.roster().minerId(credits.pairFirstColumn(p)) + "-" +
                    credits.roster().minerId(credits.pairSecondColumn(p)));
            }
        }
        return new EstimatorResult(name, score, aucByKind(suspicion, layout), toFlag,
            plantedPairFlagged(detection, credits, layout), pairs, attribution, (double)attribution / modelCpu, credit,
            excluded);
    }

    /** ROC AUC of each planted kind's miners against the honest ones, by suspicion. */
    private static Map<String, Double> aucByKind(final double[] suspicion, final MinerLayout layout)
    {
        final Map<String, Double> out = new LinkedHashMap<>();
        for (final Behaviour kind : Behaviour.values())
        {
            if (kind == Behaviour.HONEST)
            {
                continue;
            }
            final double[] score = new double[layout.miners()];
            final boolean[] positive = new boolean[layout.miners()];
            int n = 0;
            int positives = 0;
            for (int id = 0; id < layout.miners(); id++)
            {
                final Behaviour b = layout.behaviour(id);
                if (b == kind || b == Behaviour.HONEST)
                {
                    score[n] = suspicion[id];
                    positive[n] = b == kind;
                    positives += b == kind ? 1 : 0;
                    n++;
                }
            }
            if (positives > 0)
            {
                out.put(kind.label(), DetectionMetrics.rocAuc(score, positive, n));
            }
        }
        return out;
    }

    /** True when every planted pair was flagged as a pair (false when none was planted). */
    private static boolean plantedPairFlagged(final DetectionReport detection, final CreditReport credits,
        final MinerLayout layout)
    {
        boolean any = false;
        for (int id = 0; id < layout.miners(); id++)
        {
            final int partner = layout.partner(id);
            if (partner <= id)
            {
                continue;
            }
            any = true;
            boolean flagged = false;
            for (int p = 0; p < credits.pairs(); p++)
            {
                if (credits.roster().minerId(credits.pairFirstColumn(p)) == id &&
                    credits.roster().minerId(credits.pairSecondColumn(p)) == partner)
                {
                    flagged = detection.pairFlagged(p);
                }
            }
            if (!flagged)
            {
                return false;
            }
        }
        return any;
    }

    private static double mean(final double[] values, final int from, final int to)
    {
        double sum = 0;
        for (int i = from; i < to; i++)
        {
            sum += values[i];
        }
        return sum / Math.max(1, to - from);
    }
}
