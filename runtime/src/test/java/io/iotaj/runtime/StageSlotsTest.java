package io.iotaj.runtime;

import io.iotaj.kernels.Tensor;
import io.iotaj.kernels.cpu.CpuBackend;
import io.iotaj.runtime.data.SyntheticArithmetic;
import io.iotaj.runtime.data.TokenSource;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.model.Stage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Two samples in flight at once, backward in the other order, give the same gradients as one at a time. */
class StageSlotsTest
{
    private static final ModelConfig CONFIG = new ModelConfig(256, 32, 4, 4, 2, 48, 4, 16, 10000.0, 1e-5f,
        List.of(new int[]{0, 2}, new int[]{2, 4}));

    @Test
    void interleavedSlotsAccumulateTheSameGradients()
    {
        final CpuBackend be = new CpuBackend();
        final int B = 2, T = 12;
        final int[][] tok = new int[2][B * T], tgt = new int[2][B * T];
        for (int s = 0; s < 2; s++)
        {
            new SyntheticArithmetic().batch(1, TokenSource.Split.TRAIN, s * B, B, T, tok[s], tgt[s]);
        }

        final Map<String, float[]> sequential = run(be, false, tok, tgt);
        final Map<String, float[]> interleaved = run(be, true, tok, tgt);
        sequential.forEach((name, g) -> assertArrayEquals(g, interleaved.get(name), 1e-6f, name));
    }

    private static Map<String, float[]> run(final CpuBackend be, final boolean interleave, final int[][] tok,
        final int[][] tgt)
    {
        final Stage first = new Stage(be, CONFIG, 0, 1, 2);
        final Stage last = new Stage(be, CONFIG, 1, 2, 2);
        first.parameters().initialise(4);
        last.parameters().initialise(4);
        final int B = 2, T = 12;
        final Tensor[] boundary = {be.allocate(B * T, 4), be.allocate(B * T, 4)};
        final int[] order = interleave ? new int[]{1, 0} : new int[]{0, 1};
        if (interleave)
        {
            for (int s = 0; s < 2; s++)
            {
                be.copy(first.forwardTokens(s, tok[s], B, T), boundary[s]);
                last.forward(s, boundary[s], B, T);
                last.loss(s, tgt[s]);
            }
        }
        for (final int s : order)
        {
            if (!interleave)
            {
                be.copy(first.forwardTokens(s, tok[s], B, T), boundary[s]);
                last.forward(s, boundary[s], B, T);
                last.loss(s, tgt[s]);
            }
            final Tensor g = last.backwardFromLoss(s);
            assertNull(first.backward(s, g));
        }
        final Map<String, float[]> grads = first.parameters().grads();
        grads.putAll(last.parameters().grads());
        return grads;
    }
}
