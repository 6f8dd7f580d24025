package io.iotaj.runtime.swarm;

/**
 * What crosses a stage boundary: {@code NONE} runs the model with standard blocks at the boundaries
 * and sends full-width float32 activations (the baseline); {@code BOTTLENECK} sends the b-wide
 * bottleneck activation losslessly as float32; {@code BOTTLENECK_Q8} codes it with the reference int8
 * codec (one byte per element plus a per-row scale and offset); {@code BOTTLENECK_Q8C} uses the same codes
 * with a scale and offset per channel, so a narrow bottleneck costs one byte per element and little else.
 * Gradients travel as float32.
 */
public enum Compression
{
    NONE, BOTTLENECK, BOTTLENECK_Q8, BOTTLENECK_Q8C;

    public static Compression parse(final String text)
    {
        switch (text)
        {
            case "none": return NONE;
            case "bottleneck": return BOTTLENECK;
            case "bottleneck-q8": return BOTTLENECK_Q8;
            case "bottleneck-q8c": return BOTTLENECK_Q8C;
            default:
                throw new IllegalArgumentException("unknown compression '" + text +
                    "' (none, bottleneck, bottleneck-q8, bottleneck-q8c)");
        }
    }
}
