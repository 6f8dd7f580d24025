package io.iotaj.bench.he;

import io.iotaj.he.Ciphertext;
import io.iotaj.he.CkksContext;
import io.iotaj.he.Encoder;
import io.iotaj.he.Encryptor;
import io.iotaj.he.KeyGenerator;
import io.iotaj.he.KeyRequest;
import io.iotaj.he.flow.ModelOwner;
import io.iotaj.he.flow.SplitInference;
import io.iotaj.he.linear.MatVecMethod;
import io.iotaj.he.mnist.SplitNet;
import io.iotaj.he.mnist.SplitPoint;
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

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * The model owner's encrypted evaluation of one image (everything after the split: the encrypted
 * vector-matrix products, bias, square, rescales) for both splits and both matmul methods in one run,
 * so the BSGS/diagonal ratio is measured on the same machine at the same time. Weights are random with
 * the trained network's shapes; timing does not depend on their values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
public class HeEvalBenchmark
{
    @Param({"conv2", "fc1"})
    public String split;

    @Param({"diagonal", "bsgs"})
    public String matmul;

    private ModelOwner modelOwner;
    private Ciphertext input;

    @Setup(Level.Trial)
    public void setUp()
    {
        final SplitPoint point = SplitPoint.parse(split);
        final CkksContext ctx = new CkksContext(SplitInference.parametersFor(point));
        modelOwner = new ModelOwner(ctx, SplitNet.initialised(1), point, MatVecMethod.parse(matmul));
        final SecureRandom random = new SecureRandom();
        final KeyGenerator keys = new KeyGenerator(ctx, random);
        final KeyRequest request = modelOwner.keyRequest();
        modelOwner.installKeys(keys.galoisKeys(request.rotationSteps()), request.relinearisation() ? keys.relinKey() : null);
        final double[] activation = new double[ctx.slots()];
        for (int s = 0; s < activation.length; s++)
        {
            activation[s] = (s % point.width()) % 7 * 0.25;
        }
        input = new Encryptor(ctx, keys.publicKey(), random)
            .encrypt(new Encoder(ctx).encode(activation, ctx.maxLimbs(), ctx.parameters().scale()));
    }

    @Benchmark
    public Ciphertext evaluateOneImage()
    {
        return modelOwner.evaluate(input);
    }
}
