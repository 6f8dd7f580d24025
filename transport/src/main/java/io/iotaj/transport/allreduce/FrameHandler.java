package io.iotaj.transport.allreduce;

import org.agrona.DirectBuffer;

/** Receives chunk frames from a {@link ChunkExchange}. */
@FunctionalInterface
public interface FrameHandler
{
    /**
     * @return true when the frame was consumed; false to leave it at the head of its link and stop
     * reading that link for now (a frame of a stage the receiver has not reached yet).
     */
    boolean onFrame(DirectBuffer buffer, int offset, int length);
}
