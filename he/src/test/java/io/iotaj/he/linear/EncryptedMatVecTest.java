package io.iotaj.he.linear;

import io.iotaj.he.Ciphertext;
import io.iotaj.he.CkksContext;
import io.iotaj.he.CkksParameters;
import io.iotaj.he.Decryptor;
import io.iotaj.he.Encoder;
import io.iotaj.he.Encryptor;
import io.iotaj.he.Evaluator;
import io.iotaj.he.GaloisKeys;
import io.iotaj.he.HeTestSupport;
import io.iotaj.he.KeyGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncryptedMatVecTest
{
    private static CkksContext ctx;
    private static Encoder encoder;
    private static Encryptor encryptor;
    private static Decryptor decryptor;
    private static Evaluator evaluator;
    private static KeyGenerator keyGenerator;

    private final SplittableRandom random = new SplittableRandom(5);

    @BeforeAll
    static void keys()
    {
        ctx = new CkksContext(CkksParameters.conv2Split());
        final SecureRandom seeded = HeTestSupport.seededRandom(2);
        keyGenerator = new KeyGenerator(ctx, seeded);
        encoder = new Encoder(ctx);
        encryptor = new Encryptor(ctx, keyGenerator.publicKey(), seeded);
        decryptor = new Decryptor(ctx, keyGenerator.secretKey());
        evaluator = new Evaluator(ctx);
    }

    @Test
    void bothMethodsMatchThePlaintextProductAndEachOther()
    {
        for (final int[] shape : new int[][]{{64, 16}, {32, 10}})
        {
            final boolean replicate = shape[1] == 16;
            final double[][] w = randomMatrix(shape[0], shape[1]);
            final double[] x = randomVector(shape[0]);
            final double[] expected = product(x, w);
            for (final MatVecMethod method : MatVecMethod.values())
            {
                final double[] y = run(method, w, x, replicate);
                for (int s = 0; s < (replicate ? ctx.slots() : shape[1]); s++)
                {
                    assertEquals(expected[s % shape[1]], y[s], 2e-3, method + " " + shape[0] + "x" + shape[1] + " slot " + s);
                }
                if (!replicate)
                {
                    for (int s = shape[1]; s < ctx.slots(); s += 97)
                    {
                        assertEquals(0, y[s], 2e-3, "slot " + s + " outside the output stays empty");
                    }
                }
            }
        }
    }

    @Test
    void bsgsOnTheConv2SplitShapeUsesAboutTwoSqrtNRotations()
    {
        final double[][] w = randomMatrix(512, 32);
        final double[] x = randomVector(512);
        final MatrixDiagonals diagonals = new MatrixDiagonals(w, ctx.slots(), true);
        final EncryptedMatVec bsgs = MatVecMethod.BSGS.create(evaluator, encoder, diagonals, ctx.maxLimbs(), 1 << 26);
        assertEquals(31 + 15, bsgs.keySwitches());
        final double[] y = run(MatVecMethod.BSGS, w, x, true);
        final double[] expected = product(x, w);
        for (int s = 0; s < ctx.slots(); s += 7)
        {
            assertEquals(expected[s % 32], y[s], 5e-3, "slot " + s);
        }
        final EncryptedMatVec diagonal = MatVecMethod.DIAGONAL.create(evaluator, encoder, diagonals, 1, 1 << 26);
        assertTrue(diagonal.keySwitches() > 5 * bsgs.keySwitches(), "diagonal needs " + diagonal.keySwitches());
    }

    private double[] run(final MatVecMethod method, final double[][] w, final double[] x, final boolean replicate)
    {
        final MatrixDiagonals diagonals = new MatrixDiagonals(w, ctx.slots(), replicate);
        final int limbs = ctx.maxLimbs();
        final EncryptedMatVec matVec = method.create(evaluator, encoder, diagonals, limbs, ctx.modulus(limbs - 1).value());
        final GaloisKeys keys = keyGenerator.galoisKeys(matVec.rotationSteps());
        final double[] replicated = IntStream.range(0, ctx.slots()).mapToDouble(s -> x[s % x.length]).toArray();
        final Ciphertext in = encryptor.encrypt(encoder.encode(replicated, limbs, ctx.parameters().scale()));
        return encoder.decode(decryptor.decrypt(evaluator.rescale(matVec.apply(in, keys))));
    }

    private static double[] product(final double[] x, final double[][] w)
    {
        final double[] y = new double[w[0].length];
        for (int i = 0; i < x.length; i++)
        {
            for (int j = 0; j < y.length; j++)
            {
                y[j] += x[i] * w[i][j];
            }
        }
        return y;
    }

    private double[][] randomMatrix(final int n, final int m)
    {
        final double[][] w = new double[n][m];
        for (final double[] row : w)
        {
            for (int j = 0; j < m; j++)
            {
                row[j] = (random.nextDouble() * 2 - 1) * 0.2;
            }
        }
        return w;
    }

    private double[] randomVector(final int n)
    {
        final double[] x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = random.nextDouble() * 3;
        }
        return x;
    }
}
