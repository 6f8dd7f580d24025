package io.iotaj.codecs;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The SIMD half of {@link NonFiniteScan}: whole vectors of lanes whose exponent bits are all set. Only loaded
 * when the JVM has {@code jdk.incubator.vector}; each method returns the bytes it covered, or -1 on a
 * non-finite lane, so the caller finishes the tail.
 * <p>
 * Byte arrays load as bytes and are read as int or short lanes in the machine's order, which the caller
 * uses only on little-endian machines; every JDK with the incubator module has that load. Direct buffers
 * load through {@code fromByteBuffer}, which JDK 19 and later replaced with memory segments: the caller
 * probes it once and, where it is missing, stages direct payloads through an array instead.
 */
final class VectorNonFiniteScan
{
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
    private static final int FLOAT_EXPONENT = 0x7F80_0000;

    /** Bytes per vector: array, buffer and staged scans all step by this. */
    static final int STEP = INTS.vectorByteSize();

    private VectorNonFiniteScan()
    {
    }

    /**
     * A lane's exponent bits, masked, are at most the all-ones exponent and equal it exactly when the float
     * is not finite, so the loop keeps the lane-wise maximum of the masked lanes and tests it once at the
     * end: one load, and and max per vector, no branch (a payload is valid almost always).
     */
    static int scanFloats(final byte[] array, final int offset, final int length)
    {
        final IntVector exponent = IntVector.broadcast(INTS, FLOAT_EXPONENT);
        final int covered = length - length % STEP;
        IntVector max = IntVector.zero(INTS);
        for (int i = 0; i < covered; i += STEP)
        {
            max = max.max(ByteVector.fromArray(BYTES, array, offset + i).reinterpretAsInts().and(exponent));
        }
        return max.eq(exponent).anyTrue() ? -1 : covered;
    }

    /** As {@link #scanFloats(byte[], int, int)} for a direct buffer; JDK 17 and 18 only. */
    static int scanFloats(final ByteBuffer buffer, final int offset, final int length)
    {
        final IntVector exponent = IntVector.broadcast(INTS, FLOAT_EXPONENT);
        final int covered = length - length % STEP;
        IntVector max = IntVector.zero(INTS);
        for (int i = 0; i < covered; i += STEP)
        {
            max = max.max(IntVector.fromByteBuffer(INTS, buffer, offset + i, ByteOrder.LITTLE_ENDIAN).and(exponent));
        }
        return max.eq(exponent).anyTrue() ? -1 : covered;
    }

    /** As {@link #scanFloats(byte[], int, int)} for 16-bit floats whose exponent bits are {@code exponentMask}. */
    static int scanHalves(final byte[] array, final int offset, final int length, final short exponentMask)
    {
        final ShortVector exponent = ShortVector.broadcast(SHORTS, exponentMask);
        final int covered = length - length % STEP;
        for (int i = 0; i < covered; i += STEP)
        {
            if (ByteVector.fromArray(BYTES, array, offset + i).reinterpretAsShorts().and(exponent).eq(exponent).anyTrue())
            {
                return -1;
            }
        }
        return covered;
    }

    /** As {@link #scanHalves(byte[], int, int, short)} for a direct buffer; JDK 17 and 18 only. */
    static int scanHalves(final ByteBuffer buffer, final int offset, final int length, final short exponentMask)
    {
        final ShortVector exponent = ShortVector.broadcast(SHORTS, exponentMask);
        final int covered = length - length % STEP;
        for (int i = 0; i < covered; i += STEP)
        {
            if (ShortVector.fromByteBuffer(SHORTS, buffer, offset + i, ByteOrder.LITTLE_ENDIAN).and(exponent).eq(exponent).anyTrue())
            {
                return -1;
            }
        }
        return covered;
    }
}
