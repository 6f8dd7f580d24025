package io.iotaj.he;

/**
 * What the model owner asks the data owner for before the first ciphertext: Galois keys for these
 * rotation steps and, if it squares, a relinearisation key. Everything in it is public.
 */
public record KeyRequest(int[] rotationSteps, boolean relinearisation)
{
    public KeyRequest
    {
        rotationSteps = rotationSteps.clone();
    }

    @Override
    public int[] rotationSteps()
    {
        return rotationSteps.clone();
    }
}
