package io.iotaj.runtime.swarm;

import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;

import java.util.SplittableRandom;

/**
 * What a miner does with the activation it sends on: honest miners send what they computed; planted
 * cheaters (for validation tests and demos) add Gaussian noise as strong as the signal, or skip the work
 * and pass their input through unchanged (only possible on body stages, where input and output share a
 * width; elsewhere that miner stays honest). A rogue computes honestly but also sends its peers and the
 * orchestrator malformed and forged frames ({@link RogueFrames}).
 */
public enum Behaviour
{
    HONEST, NOISE, IDENTITY, ROGUE;

    /** The tensor to send instead of {@code out}, using {@code scratch} when it changes anything. */
    Tensor apply(final Backend be, final Tensor out, final Tensor in, final Tensor scratch, final SplittableRandom rng)
    {
        switch (this)
        {
            case NOISE:
            {
                final float[] v = new float[out.size()];
                be.read(out, v);
                double ss = 0;
                for (final float x : v)
                {
                    ss += x * x;
                }
                final double sigma = Math.sqrt(ss / Math.max(1, v.length));
                for (int i = 0; i < v.length; i++)
                {
                    v[i] += (float)(sigma * gaussian(rng));
                }
                be.write(v, scratch);
                return scratch;
            }
            case IDENTITY:
                return in == null ? out : in;
            default:
                return out;
        }
    }

    private static double gaussian(final SplittableRandom rng)
    {
        final double u = 1.0 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
