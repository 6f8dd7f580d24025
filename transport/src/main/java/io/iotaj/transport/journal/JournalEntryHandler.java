package io.iotaj.transport.journal;

import org.agrona.DirectBuffer;

/** Receives journal entries; the frame bytes are only valid during the call. */
@FunctionalInterface
public interface JournalEntryHandler
{
    void onEntry(JournalDirection direction, int streamId, long epochNanos, DirectBuffer frame, int offset, int length);
}
