package io.iotaj.he.linear;

import io.iotaj.he.Ciphertext;
import io.iotaj.he.GaloisKeys;

/**
 * An encrypted vector times a plaintext matrix W (n inputs, m outputs) by the diagonal method. The
 * input must hold its n values replicated with period n over every slot; output j lands in slot j, or
 * in every slot s with s mod m = j when the output is replicated for the next layer. The result is not
 * rescaled: its scale is the input's scale times the plaintext scale given at construction.
 */
public interface EncryptedMatVec
{
    /** Left-rotation steps whose Galois keys {@link #apply} needs. */
    int[] rotationSteps();

    /** Key switches one {@link #apply} performs. */
    int keySwitches();

    Ciphertext apply(Ciphertext input, GaloisKeys keys);
}
