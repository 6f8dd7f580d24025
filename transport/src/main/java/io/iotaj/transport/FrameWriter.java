package io.iotaj.transport;

import org.agrona.MutableDirectBuffer;

/** Encodes one frame of an agreed length in place, e.g. straight into a publication's claimed space. */
@FunctionalInterface
public interface FrameWriter
{
    void write(MutableDirectBuffer buffer, int offset);
}
