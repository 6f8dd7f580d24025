package io.iotaj.codecs;

import org.agrona.DirectBuffer;
import org.agrona.checksum.Crc32c;

import java.util.zip.CRC32C;

/**
 * CRC32C over a region of any Agrona buffer without copying: off-heap buffers go through Agrona's intrinsic
 * path by address, heap buffers through the JDK's array path. One instance per thread.
 */
public final class Crc32cChecksum
{
    private final CRC32C heap = new CRC32C();

    /** CRC32C of {@code length} bytes at {@code offset}, as an unsigned 32-bit value. */
    public long compute(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] array = buffer.byteArray();
        if (array != null)
        {
            heap.reset();
            heap.update(array, buffer.wrapAdjustment() + offset, length);
            return heap.getValue();
        }
        return Integer.toUnsignedLong(Crc32c.INSTANCE.compute(buffer.addressOffset(), offset, length));
    }
}
