package io.iotaj.codecs;

import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC32C (the JDK's intrinsic) over a region of any Agrona buffer without copying: heap buffers by array,
 * buffers over a {@link ByteBuffer} (Aeron's term and reassembly buffers) through a cached duplicate so the
 * shared buffer's position is never touched. Raw-address buffers go through a small scratch array. One
 * instance per thread.
 */
public final class Crc32cChecksum
{
    private static final int SCRATCH_LENGTH = 8192;

    private final CRC32C crc = new CRC32C();
    private ByteBuffer source;
    private ByteBuffer view;
    private byte[] scratch;

    /** CRC32C of {@code length} bytes at {@code offset}, as an unsigned 32-bit value. */
    public long compute(final DirectBuffer buffer, final int offset, final int length)
    {
        crc.reset();
        final byte[] array = buffer.byteArray();
        final ByteBuffer byteBuffer = buffer.byteBuffer();
        if (array != null)
        {
            crc.update(array, buffer.wrapAdjustment() + offset, length);
        }
        else if (byteBuffer != null)
        {
            if (byteBuffer != source)
            {
                source = byteBuffer;
                view = byteBuffer.duplicate();
            }
            final int start = buffer.wrapAdjustment() + offset;
            view.clear().position(start).limit(start + length);
            crc.update(view);
        }
        else
        {
            copyThrough(buffer, offset, length);
        }
        return crc.getValue();
    }

    private void copyThrough(final DirectBuffer buffer, final int offset, final int length)
    {
        if (scratch == null)
        {
            scratch = new byte[SCRATCH_LENGTH];
        }
        for (int done = 0; done < length; )
        {
            final int chunk = Math.min(SCRATCH_LENGTH, length - done);
            buffer.getBytes(offset + done, scratch, 0, chunk);
            crc.update(scratch, 0, chunk);
            done += chunk;
        }
    }
}
