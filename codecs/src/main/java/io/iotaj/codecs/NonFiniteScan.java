package io.iotaj.codecs;

import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Finds NaN or infinity in little-endian float payloads. A float is non-finite when all its exponent bits
 * are set. With {@code jdk.incubator.vector} present (the launcher and tests add it) whole SIMD vectors are
 * tested at once; otherwise, and for the tail, eight bytes at a time: per lane {@code v = (word & EXP) ^ EXP}
 * is zero exactly for the non-finite lanes, and the classic has-zero-lane trick tests every lane at once.
 */
public final class NonFiniteScan
{
    private static final long F32_EXP = 0x7F800000_7F800000L;
    private static final long F32_LOW = 0x00000001_00000001L;
    private static final long F32_HIGH = 0x80000000_80000000L;
    private static final long BF16_EXP = 0x7F80_7F80_7F80_7F80L;
    private static final long F16_EXP = 0x7C00_7C00_7C00_7C00L;
    private static final long H16_LOW = 0x0001_0001_0001_0001L;
    private static final long H16_HIGH = 0x8000_8000_8000_8000L;
    private static final short BF16_LANE = 0x7F80;
    private static final short F16_LANE = 0x7C00;

    private static final boolean VECTOR = vectorAvailable();

    private NonFiniteScan()
    {
    }

    /** True when any element of the payload is NaN or infinite; I8 payloads are integers and always finite. */
    public static boolean hasNonFinite(final DirectBuffer buffer, final int offset, final int length, final int rawDtype)
    {
        if (!VECTOR || rawDtype > 2 || length <= 0)
        {
            return scalarHasNonFinite(buffer, offset, length, rawDtype);
        }
        final byte[] array = buffer.byteArray();
        final ByteBuffer byteBuffer = buffer.byteBuffer();
        if (array == null && byteBuffer == null)
        {
            return scalarHasNonFinite(buffer, offset, length, rawDtype);
        }
        final int start = buffer.wrapAdjustment() + offset;
        final int covered = rawDtype == 0 ?
            VectorNonFiniteScan.scanFloats(array, byteBuffer, start, length) :
            VectorNonFiniteScan.scanHalves(array, byteBuffer, start, length, rawDtype == 1 ? BF16_LANE : F16_LANE);
        return covered < 0 || scalarHasNonFinite(buffer, offset + covered, length - covered, rawDtype);
    }

    /** Whether the SIMD path is in use in this JVM. */
    static boolean vectorized()
    {
        return VECTOR;
    }

    /** The portable path, also used for tails and for buffers over raw addresses. */
    static boolean scalarHasNonFinite(final DirectBuffer buffer, final int offset, final int length, final int rawDtype)
    {
        switch (rawDtype)
        {
            case 0: return scan(buffer, offset, length, F32_EXP, F32_LOW, F32_HIGH, 4, 0x7F800000);
            case 1: return scan(buffer, offset, length, BF16_EXP, H16_LOW, H16_HIGH, 2, 0x7F80);
            case 2: return scan(buffer, offset, length, F16_EXP, H16_LOW, H16_HIGH, 2, 0x7C00);
            default: return false;
        }
    }

    private static boolean vectorAvailable()
    {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty())
        {
            return false;
        }
        try
        {
            // Loads the SIMD class and checks it against a tiny known input once.
            final byte[] nan = new byte[64];
            ByteBuffer.wrap(nan).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(60, Float.NaN);
            return VectorNonFiniteScan.scanFloats(nan, null, 0, nan.length) < 0;
        }
        catch (final Throwable ex)
        {
            return false;
        }
    }

    private static boolean scan(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long exp,
        final long low,
        final long high,
        final int laneBytes,
        final int laneExp)
    {
        final int end = offset + length;
        final int wordEnd = offset + (length & ~7);
        int i = offset;
        for (; i < wordEnd; i += 8)
        {
            final long v = (buffer.getLong(i, LITTLE_ENDIAN) & exp) ^ exp;
            if (((v - low) & ~v & high) != 0)
            {
                return true;
            }
        }
        for (; i + laneBytes <= end; i += laneBytes)
        {
            final int bits = laneBytes == 4 ? buffer.getInt(i, LITTLE_ENDIAN) : buffer.getShort(i, LITTLE_ENDIAN);
            if ((bits & laneExp) == laneExp)
            {
                return true;
            }
        }
        return false;
    }
}
