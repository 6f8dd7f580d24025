package io.iotaj.transport;

import io.iotaj.codecs.FrameValidator;
import org.agrona.DirectBuffer;

/** Receives frames a {@link FrameSubscriber} has validated; the bytes are only valid during the call. */
@FunctionalInterface
public interface FrameHandler
{
    /**
     * @param validated the validator that accepted the frame: its template id and field positions.
     */
    void onFrame(DirectBuffer buffer, int offset, int length, FrameValidator validated);
}
