package io.iotaj.he.mnist;

import java.util.Locale;

/** Where the network is split: the data owner runs up to and including this layer in plaintext. */
public enum SplitPoint
{
    /** After conv2 (and its ReLU and pool): the model owner evaluates fc1, square and fc2 encrypted. */
    CONV2(SplitNet.FLAT),
    /** After fc1 and the square: the model owner evaluates fc2 encrypted. */
    FC1(SplitNet.HIDDEN);

    private final int width;

    SplitPoint(final int width)
    {
        this.width = width;
    }

    /** Length of the activation vector sent at this split. */
    public int width()
    {
        return width;
    }

    public static SplitPoint parse(final String name)
    {
        try
        {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("unknown split '" + name + "' (use conv2 or fc1)");
        }
    }

    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
