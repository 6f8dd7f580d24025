package io.iotaj.bench.he;

import io.iotaj.he.Ciphertext;
import io.iotaj.he.CkksContext;
import io.iotaj.he.CkksParameters;
import io.iotaj.he.Encoder;
import io.iotaj.he.Encryptor;
import io.iotaj.he.Evaluator;
import io.iotaj.he.GaloisKeys;
import io.iotaj.he.KeyGenerator;
import io.iotaj.he.Ntt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * CKKS building blocks on the conv2 parameter set (N = 8192, four data primes): one negacyclic NTT
 * round trip, one rotation (a full key switch), and 31 rotations of one ciphertext done one by one
 * versus hoisted over a shared decomposition, the baby steps of the BSGS product.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class CkksPrimitivesBenchmark
{
    private static final int BABY_STEPS = 32;

    private Ntt ntt;
    private long[] poly;
    private Evaluator evaluator;
    private GaloisKeys keys;
    private Ciphertext ciphertext;
    private int[] steps;

    @Setup(Level.Trial)
    public void setUp()
    {
        final CkksContext ctx = new CkksContext(CkksParameters.conv2Split());
        ntt = ctx.ntt(0);
        poly = new long[ctx.n()];
        for (int i = 0; i < poly.length; i++)
        {
            poly[i] = (i * 2_654_435_761L) % ctx.modulus(0).value();
        }
        steps = new int[BABY_STEPS];
        for (int j = 0; j < BABY_STEPS; j++)
        {
            steps[j] = j;
        }
        final SecureRandom random = new SecureRandom();
        final KeyGenerator keyGenerator = new KeyGenerator(ctx, random);
        keys = keyGenerator.galoisKeys(steps);
        evaluator = new Evaluator(ctx);
        final double[] values = new double[ctx.slots()];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = (i % 17) * 0.1;
        }
        ciphertext = new Encryptor(ctx, keyGenerator.publicKey(), random)
            .encrypt(new Encoder(ctx).encode(values, ctx.maxLimbs(), ctx.parameters().scale()));
    }

    @Benchmark
    public long[] nttForwardInverse()
    {
        ntt.forward(poly, 0);
        ntt.inverse(poly, 0);
        return poly;
    }

    @Benchmark
    public Ciphertext rotateOnce()
    {
        return evaluator.rotate(ciphertext, 1, keys);
    }

    @Benchmark
    public Ciphertext[] rotate31OneByOne()
    {
        final Ciphertext[] out = new Ciphertext[BABY_STEPS];
        for (int j = 0; j < BABY_STEPS; j++)
        {
            out[j] = evaluator.rotate(ciphertext, j, keys);
        }
        return out;
    }

    @Benchmark
    public Ciphertext[] rotate31Hoisted()
    {
        return evaluator.rotateHoisted(ciphertext, steps, keys);
    }
}
