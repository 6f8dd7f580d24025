package io.iotaj.he.flow;

import io.iotaj.he.Ciphertext;
import io.iotaj.he.CkksContext;
import io.iotaj.he.Decryptor;
import io.iotaj.he.Encoder;
import io.iotaj.he.Encryptor;
import io.iotaj.he.Evaluator;
import io.iotaj.he.GaloisKeys;
import io.iotaj.he.HeTestSupport;
import io.iotaj.he.KeyGenerator;
import io.iotaj.he.linear.MatVecMethod;
import io.iotaj.he.mnist.SplitNet;
import io.iotaj.he.mnist.SplitPoint;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rotation step the model owner asks keys for, in both splits and both methods, rotates correctly. */
class RotationStepsTest
{
    @Test
    void everyRequestedStepRotatesLikeThePlaintext()
    {
        final SplitNet net = SplitNet.initialised(2);
        for (final SplitPoint split : SplitPoint.values())
        {
            final CkksContext ctx = new CkksContext(SplitInference.parametersFor(split));
            final TreeSet<Integer> steps = new TreeSet<>();
            for (final MatVecMethod method : MatVecMethod.values())
            {
                for (final int step : new ModelOwner(ctx, net, split, method).keyRequest().rotationSteps())
                {
                    steps.add(step);
                }
            }
            final SecureRandom random = HeTestSupport.seededRandom(6);
            final KeyGenerator keys = new KeyGenerator(ctx, random);
            final GaloisKeys galois = keys.galoisKeys(steps.stream().mapToInt(Integer::intValue).toArray());
            final Encoder encoder = new Encoder(ctx);
            final Evaluator evaluator = new Evaluator(ctx);
            final Decryptor decryptor = new Decryptor(ctx, keys.secretKey());
            final SplittableRandom values = new SplittableRandom(1);
            final double[] x = new double[ctx.slots()];
            for (int i = 0; i < x.length; i++)
            {
                x[i] = values.nextDouble() * 4 - 2;
            }
            final Ciphertext c = new Encryptor(ctx, keys.publicKey(), random)
                .encrypt(encoder.encode(x, ctx.maxLimbs(), ctx.parameters().scale()));
            for (final int step : steps)
            {
                final double[] y = encoder.decode(decryptor.decrypt(evaluator.rotate(c, step, galois)));
                double worst = 0;
                for (int i = 0; i < x.length; i++)
                {
                    worst = Math.max(worst, Math.abs(y[i] - x[(i + step) % x.length]));
                }
                assertTrue(worst < 5e-3, split + " step " + step + ": max error " + worst);
            }
            assertTrue(steps.size() > (split == SplitPoint.CONV2 ? 46 : 10), split + " steps " + steps);
        }
    }
}
