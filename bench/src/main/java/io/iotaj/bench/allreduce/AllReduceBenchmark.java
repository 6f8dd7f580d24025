package io.iotaj.bench.allreduce;

import io.iotaj.transport.allreduce.AllReduceConfig;
import io.iotaj.transport.allreduce.Algorithm;
import io.iotaj.transport.allreduce.LocalAllReduce;
import io.iotaj.transport.allreduce.Partition;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One whole merge of N in-process peers, butterfly against ring, in the same fork. Compare the two
 * scores with each other, not across machines.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "--add-modules", "jdk.incubator.vector",
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens", "java.base/java.lang=ALL-UNNAMED",
    "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens", "java.base/java.nio=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED" })
public class AllReduceBenchmark
{
    @Param({ "8" })
    public int peers;

    @Param({ "262144" })
    public int elements;

    @Param({ "BUTTERFLY", "RING" })
    public Algorithm algorithm;

    private LocalAllReduce cluster;
    private float[][] locals;
    private long[] weights;

    @Setup(Level.Trial)
    public void setUp()
    {
        final Random random = new Random(1);
        locals = new float[peers][elements];
        weights = new long[peers];
        for (int p = 0; p < peers; p++)
        {
            weights[p] = 1 + random.nextInt(100);
            for (int j = 0; j < elements; j++)
            {
                locals[p][j] = (float)random.nextGaussian();
            }
        }
        cluster = new LocalAllReduce(
            algorithm,
            Partition.uniform(peers, elements),
            AllReduceConfig.fromSystemProperties(),
            UnaryOperator.identity(),
            Runtime.getRuntime().availableProcessors());
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        cluster.close();
    }

    @Benchmark
    public long merge()
    {
        return cluster.merge(locals, weights);
    }
}
