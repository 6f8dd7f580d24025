package io.iotaj.codecs;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NonFiniteScanTest
{
    @Test
    void findsEveryF32NonFiniteAtEveryPositionAndAlignment()
    {
        final float[] specials = { Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.intBitsToFloat(0x7F800001), Float.intBitsToFloat(0xFFC00000) };
        for (int count = 1; count <= 9; count++)
        {
            for (int offset = 0; offset < 3; offset++)
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[offset + count * 4]);
                for (int i = 0; i < count; i++)
                {
                    buffer.putFloat(offset + i * 4, i == 0 ? Float.MAX_VALUE : -1e-30f * i, ByteOrder.LITTLE_ENDIAN);
                }
                assertFalse(NonFiniteScan.hasNonFinite(buffer, offset, count * 4, 0));
                for (int bad = 0; bad < count; bad++)
                {
                    for (final float special : specials)
                    {
                        final float saved = buffer.getFloat(offset + bad * 4, ByteOrder.LITTLE_ENDIAN);
                        buffer.putFloat(offset + bad * 4, special, ByteOrder.LITTLE_ENDIAN);
                        assertTrue(NonFiniteScan.hasNonFinite(buffer, offset, count * 4, 0), count + "/" + bad);
                        buffer.putFloat(offset + bad * 4, saved, ByteOrder.LITTLE_ENDIAN);
                    }
                }
            }
        }
    }

    @Test
    void halfWidthScansAgreeWithAPerElementReference()
    {
        final java.util.Random random = new java.util.Random(7);
        for (int trial = 0; trial < 20_000; trial++)
        {
            final int count = 1 + random.nextInt(11);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[count * 2]);
            for (int i = 0; i < count; i++)
            {
                // Mostly finite, sometimes an all-ones exponent for one of the two formats.
                final int bits = random.nextInt(8) == 0 ? (random.nextBoolean() ? 0x7F80 : 0x7C00) |
                    random.nextInt(0x10000) : random.nextInt(0x10000) & 0x3BFF;
                buffer.putShort(i * 2, (short)bits, ByteOrder.LITTLE_ENDIAN);
            }
            assertEquals(reference(buffer, count, 0x7F80), NonFiniteScan.hasNonFinite(buffer, 0, count * 2, 1));
            assertEquals(reference(buffer, count, 0x7C00), NonFiniteScan.hasNonFinite(buffer, 0, count * 2, 2));
        }
    }

    @Test
    void simdAndScalarPathsAgreeOnHeapAndDirectBuffersOfAnyLength()
    {
        assertTrue(NonFiniteScan.vectorized(), "tests run with jdk.incubator.vector, so SIMD must be in use");
        final java.util.Random random = new java.util.Random(11);
        for (int trial = 0; trial < 5_000; trial++)
        {
            final int dtype = random.nextInt(3);
            final int elementBytes = dtype == 0 ? 4 : 2;
            final int count = random.nextInt(200);
            final int offset = random.nextInt(9) * elementBytes;
            final UnsafeBuffer buffer = random.nextBoolean() ?
                new UnsafeBuffer(new byte[offset + count * elementBytes + 3]) :
                new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(offset + count * elementBytes + 3));
            for (int i = 0; i < count; i++)
            {
                final int at = offset + i * elementBytes;
                if (dtype == 0)
                {
                    buffer.putFloat(at, (float)random.nextGaussian(), ByteOrder.LITTLE_ENDIAN);
                }
                else
                {
                    buffer.putShort(at, (short)(random.nextInt(0x10000) & 0x3BFF), ByteOrder.LITTLE_ENDIAN);
                }
            }
            boolean expected = false;
            if (count > 0 && random.nextBoolean())
            {
                final int at = offset + random.nextInt(count) * elementBytes;
                if (dtype == 0)
                {
                    buffer.putFloat(at, random.nextBoolean() ? Float.NaN : Float.NEGATIVE_INFINITY, ByteOrder.LITTLE_ENDIAN);
                }
                else
                {
                    buffer.putShort(at, (short)(dtype == 1 ? 0xFF80 : 0x7E00), ByteOrder.LITTLE_ENDIAN);
                }
                expected = true;
            }
            final int length = count * elementBytes;
            assertEquals(expected, NonFiniteScan.hasNonFinite(buffer, offset, length, dtype), "trial " + trial);
            assertEquals(expected, NonFiniteScan.scalarHasNonFinite(buffer, offset, length, dtype), "trial " + trial);
            assertEquals(expected, staged(buffer, offset, length, dtype), "staged, trial " + trial);
        }
    }

    @Test
    void stagedScanFindsANonFiniteOnEitherSideOfEveryStagingBoundary()
    {
        final int count = 5_000; // 20,000 bytes of float32: several 4 KiB stagings and a partial one
        final UnsafeBuffer buffer = new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(4 + count * 4));
        for (int i = 0; i < count; i++)
        {
            buffer.putFloat(4 + i * 4, i * 0.25f, ByteOrder.LITTLE_ENDIAN);
        }
        assertFalse(staged(buffer, 4, count * 4, 0));
        for (final int element : new int[]{ 0, 1, 1023, 1024, 1025, 2047, 2048, 4095, 4096, 4999 })
        {
            buffer.putFloat(4 + element * 4, Float.POSITIVE_INFINITY, ByteOrder.LITTLE_ENDIAN);
            assertTrue(staged(buffer, 4, count * 4, 0), "element " + element);
            assertTrue(NonFiniteScan.hasNonFinite(buffer, 4, count * 4, 0), "element " + element);
            buffer.putFloat(4 + element * 4, 1.0f, ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** The staged SIMD path, which JDKs without vector loads from a ByteBuffer use for direct payloads. */
    private static boolean staged(final UnsafeBuffer buffer, final int offset, final int length, final int dtype)
    {
        final int covered = NonFiniteScan.scanStaged(buffer, offset, length, dtype);
        return covered < 0 || NonFiniteScan.scalarHasNonFinite(buffer, offset + covered, length - covered, dtype);
    }

    @Test
    void int8IsAlwaysFinite()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
        buffer.setMemory(0, 16, (byte)0xFF);
        assertFalse(NonFiniteScan.hasNonFinite(buffer, 0, 16, 3));
        assertTrue(NonFiniteScan.hasNonFinite(buffer, 0, 16, 0));
    }

    private static boolean reference(final UnsafeBuffer buffer, final int count, final int exponentMask)
    {
        for (int i = 0; i < count; i++)
        {
            if ((buffer.getShort(i * 2, ByteOrder.LITTLE_ENDIAN) & exponentMask) == exponentMask)
            {
                return true;
            }
        }
        return false;
    }
}
