package io.iotaj.codecs;

import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Finds NaN or infinity in little-endian float payloads. A float is non-finite when all its exponent bits
 * are set. With {@code jdk.incubator.vector} present (the launcher and tests add it) on a little-endian
 * machine, whole SIMD vectors are tested at once: heap payloads in place, direct ones in place where the JDK
 * can load vectors from a {@code ByteBuffer} (17 and 18) and otherwise staged through a per-thread array a
 * few KiB at a time, which costs a cached copy but is several times faster than the scalar loop. The scalar
 * loop, for the tail and where there are no vectors, tests eight bytes at a time: per lane
 * {@code v = (word & EXP) ^ EXP} is zero exactly for the non-finite lanes, and the classic has-zero-lane
 * trick tests every lane at once.
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
    private static final boolean VECTOR_BUFFERS = VECTOR && bufferVectorsAvailable();
    /** Staging for direct payloads where vectors cannot load from them: a multiple of every vector size. */
    private static final int STAGING_BYTES = 4096;
    private static final ThreadLocal<byte[]> STAGING = ThreadLocal.withInitial(() -> new byte[STAGING_BYTES]);

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
        final int start = buffer.wrapAdjustment() + offset;
        final int covered;
        if (array != null)
        {
            covered = scanArray(array, start, length, rawDtype);
        }
        else if (byteBuffer != null && VECTOR_BUFFERS)
        {
            covered = rawDtype == 0 ?
                VectorNonFiniteScan.scanFloats(byteBuffer, start, length) :
                VectorNonFiniteScan.scanHalves(byteBuffer, start, length, exponentLane(rawDtype));
        }
        else
        {
            covered = scanStaged(buffer, offset, length, rawDtype);
        }
        return covered < 0 || scalarHasNonFinite(buffer, offset + covered, length - covered, rawDtype);
    }

    /** Whether the SIMD path is in use in this JVM. */
    static boolean vectorized()
    {
        return VECTOR;
    }

    /**
     * The SIMD scan through a per-thread array, for direct payloads the JDK cannot load vectors from:
     * bytes covered, or -1 on a non-finite element. Package-private so that tests reach it on any JDK.
     */
    static int scanStaged(final DirectBuffer buffer, final int offset, final int length, final int rawDtype)
    {
        final byte[] staging = STAGING.get();
        int done = 0;
        while (done < length)
        {
            final int n = Math.min(STAGING_BYTES, length - done);
            buffer.getBytes(offset + done, staging, 0, n);
            final int covered = scanArray(staging, 0, n, rawDtype);
            if (covered < 0)
            {
                return -1;
            }
            done += covered;
            if (covered < n)
            {
                break; // a partial vector at the end: the caller's scalar loop takes it
            }
        }
        return done;
    }

    private static int scanArray(final byte[] array, final int start, final int length, final int rawDtype)
    {
        return rawDtype == 0 ?
            VectorNonFiniteScan.scanFloats(array, start, length) :
            VectorNonFiniteScan.scanHalves(array, start, length, exponentLane(rawDtype));
    }

    private static short exponentLane(final int rawDtype)
    {
        return rawDtype == 1 ? BF16_LANE : F16_LANE;
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
        if (ByteOrder.nativeOrder() != LITTLE_ENDIAN || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty())
        {
            return false;
        }
        try
        {
            // Loads the SIMD class and checks it against a tiny known input once.
            final byte[] nan = new byte[256];
            ByteBuffer.wrap(nan).order(LITTLE_ENDIAN).putFloat(nan.length - 4, Float.NaN);
            return VectorNonFiniteScan.scanFloats(nan, 0, nan.length) < 0;
        }
        catch (final Throwable ex)
        {
            return false;
        }
    }

    private static boolean bufferVectorsAvailable()
    {
        try
        {
            final ByteBuffer nan = ByteBuffer.allocateDirect(256).order(LITTLE_ENDIAN);
            nan.putFloat(nan.capacity() - 4, Float.NaN);
            return VectorNonFiniteScan.scanFloats(nan, 0, nan.capacity()) < 0;
        }
        catch (final Throwable ex)
        {
            return false; // JDK 19+: no vector loads from a ByteBuffer
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
