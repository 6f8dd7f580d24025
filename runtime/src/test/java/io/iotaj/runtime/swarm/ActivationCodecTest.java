package io.iotaj.runtime.swarm;

import io.iotaj.kernels.Tensor;
import io.iotaj.kernels.cpu.CpuBackend;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Round trips of the boundary codec: per-column int8 keeps every element within half a step of its column's scale. */
class ActivationCodecTest
{
    private final CpuBackend be = new CpuBackend();

    @Test
    void perColumnInt8RoundTripsWithinHalfAStep()
    {
        final int rows = 257, width = 3;
        final float[] x = new float[rows * width];
        final SplittableRandom random = new SplittableRandom(5);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < width; c++)
            {
                // columns on very different scales: a per-row codec would blur the small one
                x[r * width + c] = (float)((random.nextDouble() - 0.5) * Math.pow(100, c));
            }
        }
        final Tensor in = be.allocate(rows, width);
        be.write(x, in);
        final ActivationCodec codec = new ActivationCodec(be);
        final ExpandableArrayBuffer payload = new ExpandableArrayBuffer(rows * width);
        assertEquals(rows * width, codec.encode(in, rows, width, ActivationCodec.Kind.I8_COLUMNS, payload, 0));
        final float[] scales = codec.rowScales().clone();
        final float[] offsets = codec.rowOffsets().clone();
        final Tensor out = be.allocate(rows, width);
        new ActivationCodec(be).decode(payload, 0, rows, width, ActivationCodec.Kind.I8_COLUMNS, scales, offsets, out);
        final float[] y = new float[rows * width];
        be.read(out, y);
        for (int i = 0; i < x.length; i++)
        {
            final int c = i % width;
            assertEquals(x[i], y[i], 0.5 * scales[c] * 1.0001, "element " + i);
        }
        assertTrue(scales[0] < scales[2] / 1000, "each column has its own step");
    }
}
