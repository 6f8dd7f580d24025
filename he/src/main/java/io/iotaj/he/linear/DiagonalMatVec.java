package io.iotaj.he.linear;

import io.iotaj.he.Ciphertext;
import io.iotaj.he.Encoder;
import io.iotaj.he.Evaluator;
import io.iotaj.he.GaloisKeys;
import io.iotaj.he.Plaintext;

import java.util.TreeSet;

/**
 * y = sum_i diagonal_i * rotate(x, i): n - 1 rotations of the input. Each rotation is built from
 * power-of-two keys along the step's non-adjacent form, which is what SEAL's rotate_vector does with the
 * default Galois keys TenSEAL generates.
 */
final class DiagonalMatVec implements EncryptedMatVec
{
    /** Contiguous runs of diagonals summed in parallel. */
    private static final int CHUNKS = 16;

    private final Evaluator evaluator;
    private final Plaintext[] diagonals;
    private final int[] steps;
    private final int keySwitches;

    DiagonalMatVec(
        final Evaluator evaluator, final Encoder encoder, final MatrixDiagonals matrix, final int limbs,
        final double plainScale)
    {
        this.evaluator = evaluator;
        final int n = matrix.inputs();
        diagonals = new Plaintext[n];
        final TreeSet<Integer> needed = new TreeSet<>();
        int switches = 0;
        for (int i = 0; i < n; i++)
        {
            diagonals[i] = encoder.encode(matrix.diagonal(i, 0), limbs, plainScale);
            final int[] parts = Evaluator.nonAdjacentForm(i, matrix.slots());
            switches += parts.length;
            for (final int part : parts)
            {
                needed.add(part);
            }
        }
        steps = needed.stream().mapToInt(Integer::intValue).toArray();
        keySwitches = switches;
    }

    @Override
    public int[] rotationSteps()
    {
        return steps.clone();
    }

    @Override
    public int keySwitches()
    {
        return keySwitches;
    }

    @Override
    public Ciphertext apply(final Ciphertext input, final GaloisKeys keys)
    {
        final int n = diagonals.length;
        final int chunks = Math.min(n, CHUNKS);
        return ParallelSum.of(evaluator, chunks, c ->
        {
            final int from = c * n / chunks;
            final int to = (c + 1) * n / chunks;
            final Ciphertext acc = evaluator.multiplyPlain(evaluator.rotate(input, from, keys), diagonals[from]);
            for (int i = from + 1; i < to; i++)
            {
                evaluator.multiplyPlainAccumulate(evaluator.rotate(input, i, keys), diagonals[i], acc);
            }
            return acc;
        });
    }
}
