package io.iotaj.tools;

import io.iotaj.bench.kernels.KernelBench;
import io.iotaj.codecs.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code iotaj bench kernels [--json]}: peak FMA rate, GEMM GFLOP/s on the model's shapes and one standard stage
 * forward+backward, measured in one run so the ratios compare like with like.
 */
@Command(name = "kernels", mixinStandardHelpOptions = true,
    description = "Peak fp32 FMA rate, GEMM GFLOP/s (model shapes and transposes) and one stage forward+backward.")
public final class BenchKernelsCommand implements Callable<Integer>
{
    @Option(names = "--json", description = "Print one JSON object on one line instead of a table.")
    private boolean json;

    @Option(names = "--seconds", defaultValue = "1.0",
        description = "Time budget per measurement in seconds (default: ${DEFAULT-VALUE}; the stage gets 3x).")
    private double seconds;

    @Option(names = "--no-stage", description = "Skip the stage forward+backward.")
    private boolean noStage;

    @Override
    public Integer call()
    {
        if (!(seconds > 0) || seconds > 600)
        {
            throw new IllegalArgumentException("--seconds must be in (0, 600], got " + seconds);
        }
        final KernelBench.Settings standard = KernelBench.Settings.standard();
        final KernelBench.Settings settings = new KernelBench.Settings(standard.gemms(),
            noStage ? null : standard.stageConfig(), standard.stageIndex(), standard.batch(), standard.seq(), seconds);
        final KernelBench.Report report = new KernelBench(settings, json ? line -> { } : System.err::println).run();
        System.out.print(json ? Json.write(report) + System.lineSeparator() : report.table());
        return 0;
    }
}
