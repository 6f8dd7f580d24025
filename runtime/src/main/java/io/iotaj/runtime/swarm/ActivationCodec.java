package io.iotaj.runtime.swarm;

import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;
import org.agrona.MutableDirectBuffer;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Turns a boundary tensor [rows, width] into a frame payload and back: float32, bfloat16 (round to
 * nearest even), int8 codes of the reference codec with per-row scale and offset, or the same codes with a
 * scale and offset per column ({@link ColumnQ8}). Buffers are owned
 * by the codec and reused; nothing is allocated per frame once sized.
 */
public final class ActivationCodec
{
    /** Payload element type, matching the wire's Dtype enum. */
    public enum Kind
    {
        F32(4), BF16(2), I8(1), I8_COLUMNS(1);

        private final int bytes;

        Kind(final int bytes)
        {
            this.bytes = bytes;
        }

        public int bytes()
        {
            return bytes;
        }
    }

    private final Backend be;
    private float[] values = new float[0];
    private byte[] codes = new byte[0];
    private float[] rowScale = new float[0];
    private float[] rowOffset = new float[0];
    private double[] columnSum = new double[0];
    private double[] columnSumSq = new double[0];

    public ActivationCodec(final Backend backend)
    {
        this.be = backend;
    }

    /** Payload bytes for a tensor of rows x width. */
    public static int payloadLength(final Kind kind, final int rows, final int width)
    {
        return rows * width * kind.bytes();
    }

    /**
     * Writes the tensor's payload at {@code offset}; for I8 the per-row (for I8_COLUMNS the per-column) scales
     * and offsets are left in {@link #rowScales()} and {@link #rowOffsets()}. Returns the payload length.
     */
    public int encode(final Tensor t, final int rows, final int width, final Kind kind, final MutableDirectBuffer out,
        final int offset)
    {
        final int n = rows * width;
        ensure(n, Math.max(rows, width));
        be.read(t, values);
        switch (kind)
        {
            case F32:
                for (int i = 0; i < n; i++)
                {
                    out.putFloat(offset + 4 * i, values[i], ByteOrder.LITTLE_ENDIAN);
                }
                break;
            case BF16:
                for (int i = 0; i < n; i++)
                {
                    out.putShort(offset + 2 * i, toBf16(values[i]), ByteOrder.LITTLE_ENDIAN);
                }
                break;
            case I8:
                be.quantizeQ8(t, codes, rowOffset, rowScale);
                out.putBytes(offset, codes, 0, n);
                break;
            case I8_COLUMNS:
                ColumnQ8.quantize(values, rows, width, codes, rowOffset, rowScale, columnSum, columnSumSq);
                out.putBytes(offset, codes, 0, n);
                break;
            default:
                throw new IllegalStateException(kind.name());
        }
        return n * kind.bytes();
    }

    /** Decodes a payload into {@code t}; for I8 the row scales and offsets come from the frame. */
    public void decode(final DirectBuffer in, final int offset, final int rows, final int width, final Kind kind,
        final float[] scales, final float[] offsets, final Tensor t)
    {
        final int n = rows * width;
        ensure(n, Math.max(rows, width));
        switch (kind)
        {
            case F32:
                for (int i = 0; i < n; i++)
                {
                    values[i] = in.getFloat(offset + 4 * i, ByteOrder.LITTLE_ENDIAN);
                }
                be.write(values, t);
                break;
            case BF16:
                for (int i = 0; i < n; i++)
                {
                    values[i] = fromBf16(in.getShort(offset + 2 * i, ByteOrder.LITTLE_ENDIAN));
                }
                be.write(values, t);
                break;
            case I8:
                in.getBytes(offset, codes, 0, n);
                be.dequantizeQ8(codes, offsets, scales, t);
                break;
            case I8_COLUMNS:
                in.getBytes(offset, codes, 0, n);
                ColumnQ8.dequantize(codes, rows, width, offsets, scales, values);
                be.write(values, t);
                break;
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    public float[] rowScales()
    {
        return rowScale;
    }

    public float[] rowOffsets()
    {
        return rowOffset;
    }

    /** bfloat16: the top 16 bits of the float, rounded to nearest even; NaN stays NaN. */
    static short toBf16(final float v)
    {
        final int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v))
        {
            return (short)((bits >>> 16) | 0x40);
        }
        final int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short)((bits + rounding) >>> 16);
    }

    static float fromBf16(final short h)
    {
        return Float.intBitsToFloat((h & 0xFFFF) << 16);
    }

    private void ensure(final int n, final int rows)
    {
        if (values.length < n)
        {
            values = new float[n];
            codes = new byte[n];
        }
        if (rowScale.length < rows)
        {
            rowScale = new float[rows];
            rowOffset = new float[rows];
            columnSum = new double[rows];
            columnSumSq = new double[rows];
        }
    }
}
