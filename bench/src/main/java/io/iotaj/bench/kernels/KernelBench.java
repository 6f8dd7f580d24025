package io.iotaj.bench.kernels;

import io.iotaj.codecs.json.JsonWritable;
import io.iotaj.kernels.Backend;
import io.iotaj.kernels.cpu.CpuBackend;
import io.iotaj.kernels.cpu.FmaPeak;
import io.iotaj.kernels.cpu.Gemm;
import io.iotaj.runtime.model.ModelConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * {@code iotaj bench kernels}: in one run, this machine's peak fp32 FMA rate (the baseline), the CPU GEMM on the
 * model's shapes and transposes, and one body stage forward+backward. Every figure is the fastest of several
 * timed runs after warm-up (see {@link Stopwatch}); the JSON also carries medians.
 */
public final class KernelBench
{
    private final Settings settings;
    private final Consumer<String> progress;

    /**
     * What to measure. {@code stageConfig} may be null to skip the stage; {@code seconds} is the time budget of
     * each measurement (each also makes at least three timed runs).
     */
    public record Settings(List<GemmCase> gemms, ModelConfig stageConfig, int stageIndex, int batch, int seq,
        double seconds)
    {
        /** The figures: three shapes x three transposes, the standard stage at batch 4 x seq 256. */
        public static Settings standard()
        {
            return new Settings(GemmCase.standard(), StageWorkload.standardConfig(), 1, 4, 256, 1.0);
        }
    }

    public KernelBench(final Settings settings, final Consumer<String> progress)
    {
        this.settings = settings;
        this.progress = progress;
    }

    public Report run()
    {
        final int threads = Runtime.getRuntime().availableProcessors();
        progress.accept("peak FMA rate on " + threads + " threads ...");
        final double peak = FmaPeak.measure(threads, settings.seconds());

        final List<GemmResult> gemms = new ArrayList<>();
        for (final GemmCase gemmCase : settings.gemms())
        {
            progress.accept("gemm " + gemmCase.m() + "x" + gemmCase.n() + "x" + gemmCase.k() + " " + gemmCase.op() +
                " ...");
            gemms.add(measureGemm(gemmCase));
        }

        StageResult stage = null;
        if (settings.stageConfig() != null)
        {
            progress.accept("stage forward+backward ...");
            stage = measureStage();
        }
        return new Report(threads, peak, gemms, stage);
    }

    private GemmResult measureGemm(final GemmCase g)
    {
        final SplittableRandom random = new SplittableRandom(g.m() * 31L + g.n() * 7L + g.k());
        final float[] a = uniform(random, g.m() * g.k());
        final float[] b = uniform(random, g.k() * g.n());
        final float[] c = new float[g.m() * g.n()];
        final Stopwatch.Timing timing = new Stopwatch(2, 3, settings.seconds()).time(
            () -> Gemm.gemm(g.transA(), g.transB(), g.m(), g.n(), g.k(), a, 0, b, 0, c, 0, false));
        // Rate per CPU-second times the thread count: what the GEMM does with the cores it actually got.
        final double cpuGflops = timing.leastCpuNanos() > 0 ?
            g.flops() * Runtime.getRuntime().availableProcessors() / timing.leastCpuNanos() : Double.NaN;
        return new GemmResult(g, g.flops() / timing.bestNanos(), g.flops() / timing.medianNanos(), cpuGflops);
    }

    private StageResult measureStage()
    {
        try (Backend backend = new CpuBackend())
        {
            final StageWorkload workload = new StageWorkload(
                backend, settings.stageConfig(), settings.stageIndex(), settings.batch(), settings.seq());
            final Stopwatch.Timing timing = new Stopwatch(1, 3, settings.seconds() * 3)
                .time(workload::reset, workload::forwardBackward);
            return new StageResult(workload.describe(), workload.tokens(), timing.bestNanos(), timing.medianNanos(),
                timing.runs());
        }
    }

    private static float[] uniform(final SplittableRandom random, final int length)
    {
        final float[] values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)(random.nextDouble() * 2.0 - 1.0);
        }
        return values;
    }

    /**
     * One GEMM case's rate in GFLOP/s: fastest and median run on the wall clock, and flops per CPU-second of the
     * whole process times the thread count (insensitive to other processes taking the cores; idle spinning of
     * the workers counts against it).
     */
    public record GemmResult(GemmCase gemmCase, double gflops, double medianGflops, double cpuGflops)
    {
    }

    /** The stage's forward+backward time. */
    public record StageResult(Map<String, Object> shape, int tokens, long bestNanos, long medianNanos, int runs)
    {
        public double bestMillis()
        {
            return bestNanos / 1e6;
        }

        public double medianMillis()
        {
            return medianNanos / 1e6;
        }

        public double tokensPerSecond()
        {
            return tokens * 1e9 / bestNanos;
        }
    }

    /** Everything one run measured; renders as a table or as the one-line JSON object. */
    public record Report(int threads, double peakGflops, List<GemmResult> gemms, StageResult stage)
        implements JsonWritable
    {
        @Override
        public Object toJson()
        {
            final Map<String, Object> json = new LinkedHashMap<>();
            json.put("threads", threads);
            json.put("java", Runtime.version().toString());
            json.put("peak_gflops", GemmCase.round(peakGflops, 1));
            final List<Object> list = new ArrayList<>();
            for (final GemmResult r : gemms)
            {
                final Map<String, Object> entry = r.gemmCase().toJson(r.gflops(), peakGflops);
                entry.put("gflops_median", GemmCase.round(r.medianGflops(), 1));
                if (!Double.isNaN(r.cpuGflops()))
                {
                    entry.put("gflops_cpu", GemmCase.round(r.cpuGflops(), 1));
                    entry.put("fraction_of_peak_cpu", GemmCase.round(r.cpuGflops() / peakGflops, 3));
                }
                list.add(entry);
            }
            json.put("gemm", list);
            if (stage != null)
            {
                json.put("stage_fwd_bwd_ms", GemmCase.round(stage.bestMillis(), 2));
                json.put("stage_fwd_bwd_ms_median", GemmCase.round(stage.medianMillis(), 2));
                json.put("stage_tokens_per_s", GemmCase.round(stage.tokensPerSecond(), 1));
                json.put("stage_runs", stage.runs());
                json.put("stage_shape", new java.util.TreeMap<>(stage.shape()));
            }
            return json;
        }

        /** The human-readable table. */
        public String table()
        {
            final StringBuilder out = new StringBuilder();
            out.append(String.format("peak fp32 FMA rate: %.1f GFLOP/s on %d threads (Java %s)%n", peakGflops, threads,
                Runtime.version()));
            out.append(String.format("%6s %6s %6s  %-3s %9s %8s %9s %8s  %s%n", "m", "n", "k", "op", "GFLOP/s",
                "of peak", "per-CPU", "of peak", "role"));
            for (final GemmResult r : gemms)
            {
                final GemmCase g = r.gemmCase();
                out.append(String.format("%6d %6d %6d  %-3s %9.1f %7.1f%% %9.1f %7.1f%%  %s%n", g.m(), g.n(), g.k(),
                    g.op(), r.gflops(), 100.0 * r.gflops() / peakGflops, r.cpuGflops(),
                    100.0 * r.cpuGflops() / peakGflops, g.role()));
            }
            if (stage != null)
            {
                out.append(String.format("stage forward+backward %s: %.1f ms (median %.1f ms over %d runs), " +
                    "%.0f tokens/s%n", new java.util.TreeMap<>(stage.shape()), stage.bestMillis(), stage.medianMillis(),
                    stage.runs(), stage.tokensPerSecond()));
            }
            return out.toString();
        }
    }
}
