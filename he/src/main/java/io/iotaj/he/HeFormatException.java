package io.iotaj.he;

/** A message that is not a well-formed HE message for this parameter set. */
public final class HeFormatException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    public HeFormatException(final String message)
    {
        super(message);
    }
}
