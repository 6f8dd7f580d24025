package io.iotaj.he;

/** Thrown instead of returning a ciphertext that would decrypt to garbage. */
public final class NoiseBudgetExhaustedException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    public NoiseBudgetExhaustedException(final String message)
    {
        super(message);
    }
}
