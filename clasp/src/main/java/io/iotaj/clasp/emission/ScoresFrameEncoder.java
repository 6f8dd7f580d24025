package io.iotaj.clasp.emission;

import io.iotaj.codecs.sbe.MessageHeaderEncoder;
import io.iotaj.codecs.sbe.ScoresEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Writes an emission window as a {@code Scores} frame (header included): epoch = window number, one entry
 * per miner with its paid share as the score. The burnt share is what the scores do not sum to.
 * Reusable; not thread-safe.
 */
public final class ScoresFrameEncoder
{
    /** Most miners one frame carries (the group count limit of the schema's validator). */
    public static final int MAX_ENTRIES = 0xFFFF;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ScoresEncoder scores = new ScoresEncoder();

    /** Bytes the frame for {@code window} takes. */
    public static int length(final EmissionWindow window)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + ScoresEncoder.BLOCK_LENGTH +
            ScoresEncoder.EntriesEncoder.sbeHeaderSize() +
            window.miners() * ScoresEncoder.EntriesEncoder.sbeBlockLength();
    }

    /** @return the frame's length in bytes. */
    public int encode(final EmissionWindow window, final long runId, final MutableDirectBuffer buffer,
        final int offset)
    {
        if (window.miners() > MAX_ENTRIES)
        {
            throw new IllegalArgumentException(window.miners() + " miners do not fit one Scores frame");
        }
        if (buffer.capacity() - offset < length(window))
        {
            throw new IllegalArgumentException("buffer too small for a Scores frame of " + window.miners() + " miners");
        }
        scores.wrapAndApplyHeader(buffer, offset, header).runId(runId).epoch(window.window);
        final ScoresEncoder.EntriesEncoder entries = scores.entriesCount(window.miners());
        for (int i = 0; i < window.miners(); i++)
        {
            entries.next().minerId(window.minerId(i)).score(window.share(i));
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + scores.encodedLength();
    }
}
