package io.iotaj.he.linear;

import io.iotaj.he.Ciphertext;
import io.iotaj.he.Encoder;
import io.iotaj.he.Evaluator;
import io.iotaj.he.GaloisKeys;
import io.iotaj.he.Plaintext;

/**
 * Baby-step giant-step diagonal method: with n = b g,
 * y = sum_k rotate(sum_j rotate(diagonal_{kb+j}, -kb) * rotate(x, j), kb).
 * The b - 1 baby rotations of x share one decomposition (hoisting) and the g - 1 giant rotations act on
 * the inner sums, so about b + g = 2 sqrt(n) key switches replace n - 1.
 */
final class BsgsMatVec implements EncryptedMatVec
{
    private final Evaluator evaluator;
    private final Plaintext[][] diagonals;
    private final int baby;
    private final int giant;
    private final int[] babySteps;

    BsgsMatVec(
        final Evaluator evaluator, final Encoder encoder, final MatrixDiagonals matrix, final int limbs,
        final double plainScale)
    {
        this.evaluator = evaluator;
        final int n = matrix.inputs();
        baby = Integer.highestOneBit((int)Math.ceil(Math.sqrt(n)) * 2 - 1);
        giant = (n + baby - 1) / baby;
        diagonals = new Plaintext[giant][baby];
        for (int k = 0; k < giant; k++)
        {
            for (int j = 0; j < baby && k * baby + j < n; j++)
            {
                diagonals[k][j] = encoder.encode(matrix.diagonal(k * baby + j, -k * baby), limbs, plainScale);
            }
        }
        babySteps = new int[baby];
        for (int j = 0; j < baby; j++)
        {
            babySteps[j] = j;
        }
    }

    @Override
    public int[] rotationSteps()
    {
        final int[] steps = new int[baby - 1 + giant - 1];
        for (int j = 1; j < baby; j++)
        {
            steps[j - 1] = j;
        }
        for (int k = 1; k < giant; k++)
        {
            steps[baby - 2 + k] = k * baby;
        }
        return steps;
    }

    @Override
    public int keySwitches()
    {
        return baby - 1 + giant - 1;
    }

    @Override
    public Ciphertext apply(final Ciphertext input, final GaloisKeys keys)
    {
        final Ciphertext[] rotated = evaluator.rotateHoisted(input, babySteps, keys);
        return ParallelSum.of(evaluator, giant, k ->
        {
            final Ciphertext inner = evaluator.multiplyPlain(rotated[0], diagonals[k][0]);
            for (int j = 1; j < baby && diagonals[k][j] != null; j++)
            {
                evaluator.multiplyPlainAccumulate(rotated[j], diagonals[k][j], inner);
            }
            return k == 0 ? inner : evaluator.rotate(inner, k * baby, keys);
        });
    }
}
