package io.iotaj.he;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.SplittableRandom;

import static io.iotaj.he.CkksOperationsTest.assertClose;
import static io.iotaj.he.CkksOperationsTest.rotated;

/** The 60/40-bit set at scale 2^40 exercises the 128-bit Barrett path through every operation. */
class PreciseParametersTest
{
    @Test
    void multiplySquareRotateChainAtScaleTwoToForty()
    {
        final CkksContext ctx = new CkksContext(CkksParameters.precise());
        final SecureRandom random = HeTestSupport.seededRandom(31);
        final KeyGenerator keys = new KeyGenerator(ctx, random);
        final Encoder encoder = new Encoder(ctx);
        final Evaluator evaluator = new Evaluator(ctx);
        final Decryptor decryptor = new Decryptor(ctx, keys.secretKey());
        final GaloisKeys galois = keys.galoisKeys(new int[]{5});
        final SplittableRandom values = new SplittableRandom(3);
        final double[] x = new double[ctx.slots()];
        final double[] w = new double[ctx.slots()];
        final double[] expected = new double[ctx.slots()];
        for (int i = 0; i < x.length; i++)
        {
            x[i] = values.nextDouble() * 2 - 1;
            w[i] = values.nextDouble() * 2 - 1;
            expected[i] = x[i] * w[i] * x[i] * w[i];
        }
        final Ciphertext c = new Encryptor(ctx, keys.publicKey(), random)
            .encrypt(encoder.encode(x, ctx.maxLimbs(), ctx.parameters().scale()));
        assertClose(x, encoder.decode(decryptor.decrypt(c)), 1e-8, "fresh at 2^40");
        final Ciphertext product = evaluator.rescale(
            evaluator.multiplyPlain(c, encoder.encode(w, c.limbs(), ctx.modulus(c.limbs() - 1).value())));
        final Ciphertext squared = evaluator.rescale(evaluator.square(product, keys.relinKey()));
        assertClose(expected, encoder.decode(decryptor.decrypt(squared)), 1e-6, "(x w)^2 at 2^40");
        assertClose(rotated(expected, 5), encoder.decode(decryptor.decrypt(evaluator.rotate(squared, 5, galois))),
            1e-6, "rotated by 5 at one limb");
    }
}
