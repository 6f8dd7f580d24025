package io.iotaj.bench.kernels;

import io.iotaj.kernels.cpu.Gemm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * JMH: the CPU GEMM on the model's shapes and transposes. Scores are milliseconds per call; GFLOP/s is
 * {@code 2 m n k / time}. Run through the shaded jar:
 * {@code java --add-modules jdk.incubator.vector -cp tools/target/iotaj.jar org.openjdk.jmh.Main GemmBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark
{
    /** "MxNxK" of the product (JMH splits -p values at commas). */
    @Param({"1024x1024x1024", "2048x1376x512", "2048x512x1376"})
    public String shape;

    /** NT: forward y = x W^T; NN: input grad dx = dy W; TN: weight grad dW = dy^T x. */
    @Param({"NT", "NN", "TN"})
    public String op;

    private int m;
    private int n;
    private int k;
    private boolean transA;
    private boolean transB;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup(Level.Trial)
    public void setUp()
    {
        final String[] sizes = shape.split("x");
        m = Integer.parseInt(sizes[0].trim());
        n = Integer.parseInt(sizes[1].trim());
        k = Integer.parseInt(sizes[2].trim());
        transA = op.charAt(0) == 'T';
        transB = op.charAt(1) == 'T';
        final SplittableRandom random = new SplittableRandom(1);
        a = uniform(random, m * k);
        b = uniform(random, k * n);
        c = new float[m * n];
    }

    @Benchmark
    public float[] gemm()
    {
        Gemm.gemm(transA, transB, m, n, k, a, 0, b, 0, c, 0, false);
        return c;
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
}
