package io.iotaj.runtime;

import io.iotaj.kernels.AdamWConfig;
import io.iotaj.kernels.cpu.CpuBackend;
import io.iotaj.runtime.model.ParamNames;
import io.iotaj.runtime.model.Parameter;
import io.iotaj.runtime.model.Parameters;
import io.iotaj.runtime.train.AdamW;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AdamWClipTest
{
    private final CpuBackend be = new CpuBackend();

    private Parameters twoParams(final float[] g1, final float[] g2)
    {
        final Parameters p = new Parameters(be, List.of(new ParamNames.Spec("a", new int[]{g1.length}),
            new ParamNames.Spec("b", new int[]{g2.length})));
        be.write(g1, p.get("a").grad());
        be.write(g2, p.get("b").grad());
        return p;
    }

    @Test
    void clipsToTheGlobalNormAndZeroesGradients()
    {
        final Parameters p = twoParams(new float[]{3, 0}, new float[]{0, 4});
        final AdamW opt = new AdamW(be, p);
        assertEquals(5.0, opt.gradNorm(), 1e-9);
        // with lr 0 the weights stay, so the first moment shows the clipped gradient: m = (1 - beta1) g
        final double norm = opt.step(new AdamWConfig(0f, 0.5f, 0.5f, 1e-8f, 0f), 1.0);
        assertEquals(5.0, norm, 1e-9);
        final float[] m = new float[2];
        be.read(opt.firstMoments().get(0), m);
        assertArrayEquals(new float[]{0.5f * 3 / 5, 0}, m, 1e-6f);
        be.read(opt.firstMoments().get(1), m);
        assertArrayEquals(new float[]{0, 0.5f * 4 / 5}, m, 1e-6f);
        for (final Parameter param : p.all())
        {
            assertEquals(0.0, be.sumSquares(param.grad()));
        }
    }

    @Test
    void refusesToStepOnNonFiniteGradients()
    {
        final AdamW opt = new AdamW(be, twoParams(new float[]{Float.NaN}, new float[]{1}));
        assertThrows(IllegalStateException.class, () -> opt.step(new AdamWConfig(1e-3f, 0.9f, 0.95f, 1e-8f, 0f), 1.0));
    }
}
