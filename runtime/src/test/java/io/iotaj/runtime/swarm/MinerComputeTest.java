package io.iotaj.runtime.swarm;

import io.iotaj.kernels.AdamWConfig;
import io.iotaj.kernels.Tensor;
import io.iotaj.kernels.cpu.CpuBackend;
import io.iotaj.runtime.data.SyntheticArithmetic;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.train.LrSchedule;
import io.iotaj.runtime.train.Pipeline;
import io.iotaj.runtime.train.TrainSettings;
import io.iotaj.runtime.train.Trainer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MinerComputeTest
{
    private static final ModelConfig MODEL = new ModelConfig(256, 32, 4, 4, 2, 48, 4, 24, 10000.0, 1e-5f,
        List.of(new int[]{0, 2}, new int[]{2, 4}));
    private static final AdamWConfig HP = new AdamWConfig(3e-3f, 0.9f, 0.95f, 1e-8f, 0.1f);

    @Test
    void twoMinersSteppingAfterEachSampleMatchSingleProcessTraining()
    {
        final CpuBackend be = new CpuBackend();
        final int steps = 5, batch = 2, seq = 16;
        final LrSchedule schedule = new LrSchedule(3e-3, 1, steps, 0.1);
        final Pipeline pipe = new Pipeline(be, MODEL, 2);
        pipe.initialise(3);
        final Trainer.Result reference = new Trainer(be, pipe, new SyntheticArithmetic(),
            new TrainSettings(MODEL, 3, steps, batch, seq, HP, schedule, 1.0, 0)).run((s, l, lr, tps) -> { });

        final MinerCompute head = new MinerCompute(be, MODEL, 0, 1, 2, new SyntheticArithmetic(), 3, batch, seq);
        final MinerCompute tail = new MinerCompute(be, MODEL, 1, 2, 2, new SyntheticArithmetic(), 3, batch, seq);
        head.stage().parameters().initialise(3);
        tail.stage().parameters().initialise(3);
        for (int step = 1; step <= steps; step++)
        {
            final long sample = SampleIds.wire(step - 1, 0);
            tail.forward(sample, head.forwardHead(sample));
            final double loss = tail.lossAndBackward(sample);
            head.backward(sample, tail.lastGradIn());
            final AdamWConfig hp = HP.withLr((float)schedule.at(step));
            head.step(hp, 1.0);
            tail.step(hp, 1.0);
            assertEquals(reference.losses()[step - 1], loss, 1e-6, "step " + step);
        }
        assertEquals(steps, head.backwardsTotal());
        assertEquals(0, head.inFlight());
    }

    @Test
    void slotsAreBoundedAndUnknownSamplesRefused()
    {
        final CpuBackend be = new CpuBackend();
        final MinerCompute head = new MinerCompute(be, MODEL, 0, 1, 2, new SyntheticArithmetic(), 1, 1, 8);
        head.forwardHead(1);
        head.forwardHead(2);
        assertFalse(head.hasFreeSlot());
        assertThrows(IllegalStateException.class, () -> head.forwardHead(3));
        assertThrows(IllegalArgumentException.class, () -> head.backward(7, be.allocate(8, 4)));
        assertTrue(head.abandon(1));
        assertTrue(head.hasFreeSlot());
        assertEquals(1, head.inFlight());
    }

    @Test
    void codecRoundTripsWithinEachFormatsPrecision()
    {
        final CpuBackend be = new CpuBackend();
        final ActivationCodec codec = new ActivationCodec(be);
        final int rows = 6, width = 8;
        final float[] x = new float[rows * width];
        final java.util.Random rng = new java.util.Random(2);
        for (int i = 0; i < x.length; i++)
        {
            x[i] = (float)rng.nextGaussian();
        }
        final Tensor src = be.fromArray(x, rows, width);
        final UnsafeBuffer buf = new UnsafeBuffer(ByteBuffer.allocateDirect(4 * x.length));
        final float[] back = new float[x.length];
        for (final ActivationCodec.Kind kind : ActivationCodec.Kind.values())
        {
            final int len = codec.encode(src, rows, width, kind, buf, 0);
            assertEquals(ActivationCodec.payloadLength(kind, rows, width), len);
            final Tensor dst = be.allocate(rows, width);
            codec.decode(buf, 0, rows, width, kind, codec.rowScales().clone(), codec.rowOffsets().clone(), dst);
            be.read(dst, back);
            for (int i = 0; i < x.length; i++)
            {
                final int scaleOf = kind == ActivationCodec.Kind.I8_COLUMNS ? i % width : i / width;
                final double tol = kind == ActivationCodec.Kind.F32 ? 0 : kind == ActivationCodec.Kind.BF16 ?
                    Math.abs(x[i]) / 256 : codec.rowScales()[scaleOf] * 0.5001;
                assertEquals(x[i], back[i], tol, kind + " element " + i);
            }
        }
        assertEquals(0x3F80, ActivationCodec.toBf16(1f) & 0xFFFF);
        assertEquals(0x3F81, ActivationCodec.toBf16(Float.intBitsToFloat(0x3F80C000)) & 0xFFFF, "above half rounds up");
        assertEquals(0x3F80, ActivationCodec.toBf16(Float.intBitsToFloat(0x3F808000)) & 0xFFFF, "tie to even (down)");
        assertEquals(0x3F82, ActivationCodec.toBf16(Float.intBitsToFloat(0x3F818000)) & 0xFFFF, "tie to even (up)");
        assertTrue(Float.isNaN(ActivationCodec.fromBf16(ActivationCodec.toBf16(Float.NaN))));
    }
}
