package io.iotaj.codecs;

/**
 * The shape of one message type as the schema defines it: its fixed block, then its repeating groups (each
 * with a block length and a count limit), then its variable-length fields (each with a length-prefix size).
 * Enough to walk any frame of that type safely before a decoder touches it.
 */
final class FrameLayout
{
    final int templateId;
    final int blockLength;
    final int[] groupBlockLengths;
    final int[] groupMaxCounts;
    final int[] varHeaderLengths;
    final boolean control;

    FrameLayout(
        final int templateId,
        final int blockLength,
        final int[] groupBlockLengths,
        final int[] groupMaxCounts,
        final int[] varHeaderLengths,
        final boolean control)
    {
        if (groupBlockLengths.length != groupMaxCounts.length)
        {
            throw new IllegalArgumentException("one count limit per group");
        }
        this.templateId = templateId;
        this.blockLength = blockLength;
        this.groupBlockLengths = groupBlockLengths;
        this.groupMaxCounts = groupMaxCounts;
        this.varHeaderLengths = varHeaderLengths;
        this.control = control;
    }
}
