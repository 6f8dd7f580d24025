package io.iotaj.runtime.swarm;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;

/**
 * A miner's bounded journal of recent work, kept so a validator can ask for it after the fact: per sample,
 * the input frame it received, the output frame it sent and the merge round whose weights it used. The
 * oldest entry is overwritten once {@code capacity} samples are held; the buffers are reused, so recording
 * allocates nothing once they have grown to the frame size.
 */
final class EvidenceJournal
{
    private final long[] sample;
    private final int[] round;
    private final MutableDirectBuffer[] input;
    private final int[] inputLength;
    private final MutableDirectBuffer[] output;
    private final int[] outputLength;
    private int next;

    EvidenceJournal(final int capacity)
    {
        sample = new long[capacity];
        round = new int[capacity];
        input = new MutableDirectBuffer[capacity];
        output = new MutableDirectBuffer[capacity];
        inputLength = new int[capacity];
        outputLength = new int[capacity];
        Arrays.fill(sample, -1);
        for (int i = 0; i < capacity; i++)
        {
            input[i] = new ExpandableArrayBuffer(256);
            output[i] = new ExpandableArrayBuffer(256);
        }
    }

    /** Starts the entry of a sample about to be computed with the weights of merge round {@code mergedRound}. */
    void begin(final long wireId, final int mergedRound, final DirectBuffer in, final int offset, final int length)
    {
        final int e = next;
        next = (next + 1) % sample.length;
        sample[e] = wireId;
        round[e] = mergedRound;
        outputLength[e] = 0;
        inputLength[e] = length;
        if (length > 0)
        {
            input[e].putBytes(0, in, offset, length);
        }
    }

    /** Records the frame sent for a sample begun earlier; ignored when its entry was overwritten meanwhile. */
    void output(final long wireId, final DirectBuffer out, final int offset, final int length)
    {
        final int e = find(wireId);
        if (e >= 0)
        {
            output[e].putBytes(0, out, offset, length);
            outputLength[e] = length;
        }
    }

    /** The entry of a sample whose output was recorded, or -1. */
    int find(final long wireId)
    {
        for (int i = 0; i < sample.length; i++)
        {
            if (sample[i] == wireId)
            {
                return i;
            }
        }
        return -1;
    }

    boolean complete(final int entry)
    {
        return entry >= 0 && outputLength[entry] > 0;
    }

    int round(final int entry)
    {
        return round[entry];
    }

    DirectBuffer input(final int entry)
    {
        return input[entry];
    }

    int inputLength(final int entry)
    {
        return inputLength[entry];
    }

    DirectBuffer output(final int entry)
    {
        return output[entry];
    }

    int outputLength(final int entry)
    {
        return outputLength[entry];
    }
}
