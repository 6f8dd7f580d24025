package io.iotaj.codecs;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The SIMD half of {@link NonFiniteScan}: whole vectors of lanes whose exponent bits are all set. Only loaded
 * when the JVM has {@code jdk.incubator.vector}; returns the bytes it covered so the caller finishes the tail.
 */
final class VectorNonFiniteScan
{
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
    private static final int STEP = INTS.vectorByteSize();

    private VectorNonFiniteScan()
    {
    }

    /**
     * Bytes from {@code offset} that whole vectors cover, or -1 when one of them holds a non-finite float.
     * A lane's exponent bits, masked, are at most the all-ones exponent and equal it exactly when the float
     * is not finite, so the loop keeps the lane-wise maximum of the masked lanes and tests it once at the
     * end: one load, and and max per vector, no branch (a payload is valid almost always).
     */
    static int scanFloats(final byte[] array, final ByteBuffer buffer, final int offset, final int length)
    {
        final IntVector exponent = IntVector.broadcast(INTS, 0x7F80_0000);
        final int covered = length - length % STEP;
        IntVector max = IntVector.zero(INTS);
        if (array != null)
        {
            for (int i = 0; i < covered; i += STEP)
            {
                max = max.max(IntVector.fromByteArray(INTS, array, offset + i, ByteOrder.LITTLE_ENDIAN).and(exponent));
            }
        }
        else
        {
            for (int i = 0; i < covered; i += STEP)
            {
                max = max.max(IntVector.fromByteBuffer(INTS, buffer, offset + i, ByteOrder.LITTLE_ENDIAN).and(exponent));
            }
        }
        return max.eq(exponent).anyTrue() ? -1 : covered;
    }

    /** As {@link #scanFloats} for 16-bit floats whose exponent bits are {@code exponentMask}. */
    static int scanHalves(
        final byte[] array,
        final ByteBuffer buffer,
        final int offset,
        final int length,
        final short exponentMask)
    {
        final ShortVector exponent = ShortVector.broadcast(SHORTS, exponentMask);
        final int covered = length - length % STEP;
        for (int i = 0; i < covered; i += STEP)
        {
            final ShortVector lanes = array != null ?
                ShortVector.fromByteArray(SHORTS, array, offset + i, ByteOrder.LITTLE_ENDIAN) :
                ShortVector.fromByteBuffer(SHORTS, buffer, offset + i, ByteOrder.LITTLE_ENDIAN);
            if (lanes.and(exponent).eq(exponent).anyTrue())
            {
                return -1;
            }
        }
        return covered;
    }
}
