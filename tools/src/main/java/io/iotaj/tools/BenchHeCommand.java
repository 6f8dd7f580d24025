package io.iotaj.tools;

import io.iotaj.bench.he.HeBench;
import io.iotaj.codecs.json.Json;
import io.iotaj.he.linear.MatVecMethod;
import io.iotaj.he.mnist.SplitPoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code iotaj bench he}: the model owner's encrypted evaluation per image for both splits and both matmul
 * methods in one run, with the BSGS speed-up over one rotation per diagonal.
 */
@Command(name = "he", mixinStandardHelpOptions = true,
    description = {"Encrypted evaluation per image (the model owner's side of he-infer) for conv2 and fc1 splits,",
        "diagonal and bsgs matmul, interleaved image by image in one run; prints the bsgs/diagonal speed-up."})
public final class BenchHeCommand implements Callable<Integer>
{
    @Option(names = "--images", defaultValue = "3", paramLabel = "K",
        description = "Measured images per combination; the median is reported (default ${DEFAULT-VALUE}).")
    private int images;

    @Option(names = "--warmup", defaultValue = "1", description = "Unmeasured images first (default ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--split", split = ",", defaultValue = "conv2,fc1", description = "Splits (default ${DEFAULT-VALUE}).")
    private List<String> splits;

    @Option(names = "--matmul", split = ",", defaultValue = "diagonal,bsgs", description = "Methods (default ${DEFAULT-VALUE}).")
    private List<String> methods;

    @Option(names = "--json", description = "Print one JSON object on one line.")
    private boolean json;

    @Mixin
    private VerboseOption verbose;

    @Override
    public Integer call()
    {
        if (images < 1 || warmup < 0)
        {
            throw new IllegalArgumentException("--images must be >= 1 and --warmup >= 0");
        }
        final HeBench.Result result = HeBench.run(splits.stream().map(SplitPoint::parse).distinct().toList(),
            methods.stream().map(MatVecMethod::parse).distinct().toList(), images, warmup, System.err::println);
        if (json)
        {
            System.out.println(Json.write(result));
            return 0;
        }
        System.out.printf("encrypted evaluation per image, median of %d (after %d warm-up), %d processors, load %.2f -> %.2f%n",
            images, warmup, result.processors(), result.loadBefore(), result.loadAfter());
        System.out.printf("%-6s %-9s %10s %10s %13s %7s %10s%n", "split", "matmul", "median s", "min s", "key switches",
            "keys", "speed-up");
        for (final HeBench.Row row : result.rows())
        {
            final double speedup = row.method() == MatVecMethod.BSGS ? result.speedup(row.split()) : Double.NaN;
            System.out.printf("%-6s %-9s %10.4f %10.4f %13d %7d %10s%n", row.split().label(), row.method().label(),
                row.medianSeconds(), row.minSeconds(), row.keySwitches(), row.galoisKeys(),
                Double.isNaN(speedup) ? "" : String.format("%.1fx", speedup));
        }
        return 0;
    }
}
