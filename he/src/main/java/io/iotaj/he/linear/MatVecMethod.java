package io.iotaj.he.linear;

import io.iotaj.he.Encoder;
import io.iotaj.he.Evaluator;

import java.util.Locale;

/** The two ways to evaluate an encrypted vector-matrix product. */
public enum MatVecMethod
{
    /** One rotation of the input per diagonal, as TenSEAL does with SEAL's power-of-two Galois keys. */
    DIAGONAL,
    /** Baby-step giant-step: about 2 sqrt(n) rotations, the baby steps hoisted over one decomposition. */
    BSGS;

    public EncryptedMatVec create(
        final Evaluator evaluator, final Encoder encoder, final MatrixDiagonals diagonals, final int limbs,
        final double plainScale)
    {
        return this == DIAGONAL ?
            new DiagonalMatVec(evaluator, encoder, diagonals, limbs, plainScale) :
            new BsgsMatVec(evaluator, encoder, diagonals, limbs, plainScale);
    }

    public static MatVecMethod parse(final String name)
    {
        try
        {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("unknown matmul method '" + name + "' (use diagonal or bsgs)");
        }
    }

    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
