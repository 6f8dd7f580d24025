package io.iotaj.he;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CkksOperationsTest
{
    private static CkksContext ctx;
    private static Encoder encoder;
    private static Encryptor encryptor;
    private static Decryptor decryptor;
    private static Evaluator evaluator;
    private static KeySwitchKey relinKey;
    private static GaloisKeys galoisKeys;
    private static final int[] STEPS = {1, 3, 32, 511, 4064, -7};

    private final SplittableRandom random = new SplittableRandom(11);

    @BeforeAll
    static void keys() throws Exception
    {
        ctx = new CkksContext(CkksParameters.conv2Split());
        final SecureRandom seeded = HeTestSupport.seededRandom(1);
        final KeyGenerator keyGenerator = new KeyGenerator(ctx, seeded);
        encoder = new Encoder(ctx);
        encryptor = new Encryptor(ctx, keyGenerator.publicKey(), seeded);
        decryptor = new Decryptor(ctx, keyGenerator.secretKey());
        evaluator = new Evaluator(ctx);
        relinKey = keyGenerator.relinKey();
        galoisKeys = keyGenerator.galoisKeys(STEPS);
    }

    @Test
    void encodeDecodeErrorIsBelowTwoToMinusTwentyRelativeAtScaleTwoToForty()
    {
        final CkksContext precise = new CkksContext(CkksParameters.precise());
        final Encoder preciseEncoder = new Encoder(precise);
        final double[] values = randomVector(precise.slots(), 10);
        final double[] decoded = preciseEncoder.decode(preciseEncoder.encode(values, precise.maxLimbs(), Math.scalb(1.0, 40)));
        double worst = 0;
        for (int i = 0; i < values.length; i++)
        {
            worst = Math.max(worst, Math.abs(decoded[i] - values[i]) / Math.max(1e-3, Math.abs(values[i])));
        }
        assertTrue(worst < Math.scalb(1.0, -20), "relative error " + worst);
    }

    @Test
    void encryptDecryptRoundTrip()
    {
        final double[] values = randomVector(ctx.slots(), 8);
        assertClose(values, decrypt(encrypt(values)), 3e-4, "fresh ciphertext");
    }

    @Test
    void addAndAddPlainMatchPlaintext()
    {
        final double[] a = randomVector(ctx.slots(), 4);
        final double[] b = randomVector(ctx.slots(), 4);
        final Ciphertext ca = encrypt(a);
        final double[] sum = new double[a.length];
        for (int i = 0; i < a.length; i++)
        {
            sum[i] = a[i] + b[i];
        }
        assertClose(sum, decrypt(evaluator.add(ca, encrypt(b))), 3e-4, "add");
        assertClose(sum, decrypt(evaluator.addPlain(ca, encoder.encode(b, ca.limbs(), ca.scale()))), 3e-4, "add-plain");
    }

    @Test
    void multiplyPlainAndRescaleMatchPlaintext()
    {
        final double[] a = randomVector(ctx.slots(), 4);
        final double[] w = randomVector(ctx.slots(), 1);
        final Ciphertext ca = encrypt(a);
        final long lastPrime = ctx.modulus(ca.limbs() - 1).value();
        final Ciphertext product = evaluator.rescale(
            evaluator.multiplyPlain(ca, encoder.encode(w, ca.limbs(), lastPrime)));
        assertEquals(ca.limbs() - 1, product.limbs());
        assertEquals(ca.scale(), product.scale(), 1e-6, "plaintext at the dropped prime's scale keeps the scale");
        final double[] expected = new double[a.length];
        for (int i = 0; i < a.length; i++)
        {
            expected[i] = a[i] * w[i];
        }
        assertClose(expected, decrypt(product), 1e-3, "multiply-plain");
    }

    @Test
    void squareWithRelinearisationMatchesPlaintext()
    {
        final double[] a = randomVector(ctx.slots(), 6);
        final Ciphertext squared = evaluator.rescale(evaluator.square(encrypt(a), relinKey));
        final double[] expected = new double[a.length];
        for (int i = 0; i < a.length; i++)
        {
            expected[i] = a[i] * a[i];
        }
        assertClose(expected, decrypt(squared), 1e-2, "square");
    }

    @Test
    void rotationsMatchPlaintextForEveryKeyAndComposedSteps()
    {
        final double[] a = randomVector(ctx.slots(), 4);
        final Ciphertext ca = encrypt(a);
        for (final int step : new int[]{1, 3, 32, 511, 4064, -7, 33})
        {
            assertClose(rotated(a, step), decrypt(evaluator.rotate(ca, step, galoisKeys)), 5e-3, "rotate " + step);
        }
        final Ciphertext[] hoisted = evaluator.rotateHoisted(ca, new int[]{0, 1, 3, 32}, galoisKeys);
        assertClose(a, decrypt(hoisted[0]), 3e-4, "hoisted 0");
        assertClose(rotated(a, 3), decrypt(hoisted[2]), 5e-3, "hoisted 3");
        assertClose(rotated(a, 32), decrypt(hoisted[3]), 5e-3, "hoisted 32");
        assertThrows(IllegalArgumentException.class, () -> evaluator.rotate(ca, 5, galoisKeys));
    }

    @Test
    void exhaustedNoiseBudgetIsAClearErrorNotGarbage()
    {
        Ciphertext c = encrypt(randomVector(ctx.slots(), 1));
        for (int i = 0; i < ctx.maxLimbs() - 1; i++)
        {
            c = evaluator.rescale(evaluator.square(c, relinKey));
        }
        assertEquals(1, c.limbs());
        final Ciphertext last = c;
        final NoiseBudgetExhaustedException rescale =
            assertThrows(NoiseBudgetExhaustedException.class, () -> evaluator.rescale(last));
        assertTrue(rescale.getMessage().contains("noise budget exhausted"), rescale.getMessage());
        assertThrows(NoiseBudgetExhaustedException.class, () -> evaluator.square(last, relinKey));
    }

    @Test
    void logitsAboveSixteenInFewSlotsStillDecryptAtTheLastPrime()
    {
        final double[] logits = new double[10];
        for (int i = 0; i < logits.length; i++)
        {
            logits[i] = 40 - 9 * i;
        }
        Ciphertext c = encrypt(logits);
        final double[] ones = new double[ctx.slots()];
        java.util.Arrays.fill(ones, 1.0);
        while (c.limbs() > 1)
        {
            c = evaluator.rescale(evaluator.multiplyPlain(c, encoder.encode(ones, c.limbs(), ctx.modulus(c.limbs() - 1).value())));
        }
        assertClose(java.util.Arrays.copyOf(logits, ctx.slots()), decrypt(c), 1e-3, "sparse logits at 1 limb");
    }

    static double[] rotated(final double[] a, final int step)
    {
        final double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++)
        {
            out[i] = a[Math.floorMod(i + step, a.length)];
        }
        return out;
    }

    private Ciphertext encrypt(final double[] values)
    {
        return encryptor.encrypt(encoder.encode(values, ctx.maxLimbs(), ctx.parameters().scale()));
    }

    private double[] decrypt(final Ciphertext c)
    {
        return encoder.decode(decryptor.decrypt(c));
    }

    private double[] randomVector(final int size, final double range)
    {
        final double[] v = new double[size];
        for (int i = 0; i < size; i++)
        {
            v[i] = (random.nextDouble() * 2 - 1) * range;
        }
        return v;
    }

    static void assertClose(final double[] expected, final double[] actual, final double tolerance, final String what)
    {
        double worst = 0;
        int at = 0;
        for (int i = 0; i < expected.length; i++)
        {
            final double error = Math.abs(expected[i] - actual[i]);
            if (error > worst)
            {
                worst = error;
                at = i;
            }
        }
        assertTrue(worst <= tolerance, what + ": max error " + worst + " at slot " + at + " (expected " +
            expected[at] + ", got " + actual[at] + ")");
    }
}
