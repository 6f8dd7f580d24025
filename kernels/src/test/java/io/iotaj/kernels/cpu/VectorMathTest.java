package io.iotaj.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vector exp against Math.exp (its twin) over the range softmax and the sigmoids feed it. */
class VectorMathTest
{
    @Test
    void expMatchesMathExpToAFewUlpsAndClampsOutOfRange()
    {
        final int lanes = VectorMath.F.length();
        final float[] x = new float[lanes];
        final float[] y = new float[lanes];
        double worst = 0;
        for (float start = -87f; start < 88f; start += lanes * 0.00731f)
        {
            for (int i = 0; i < lanes; i++)
            {
                x[i] = start + i * 0.00731f;
            }
            VectorMath.exp(FloatVector.fromArray(VectorMath.F, x, 0)).intoArray(y, 0);
            for (int i = 0; i < lanes; i++)
            {
                final double expected = Math.exp(x[i]);
                worst = Math.max(worst, Math.abs(y[i] - expected) / expected);
            }
        }
        assertTrue(worst < 5e-7, "worst relative error " + worst);

        x[0] = -1000f;
        x[lanes - 1] = 1000f;
        VectorMath.exp(FloatVector.fromArray(VectorMath.F, x, 0)).intoArray(y, 0);
        assertTrue(y[0] >= 0f && y[0] < 1e-37f, "exp(-1000) = " + y[0]);
        assertTrue(Float.isFinite(y[lanes - 1]) && y[lanes - 1] > 1e38f, "exp(1000) = " + y[lanes - 1]);
        x[0] = 0f;
        VectorMath.exp(FloatVector.fromArray(VectorMath.F, x, 0)).intoArray(y, 0);
        assertEquals(1f, y[0]);
    }
}
