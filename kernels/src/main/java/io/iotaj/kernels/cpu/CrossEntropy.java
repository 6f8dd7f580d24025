package io.iotaj.kernels.cpu;

/**
 * Fused softmax cross-entropy over logits [rows, vocab]: mean of -log softmax(logits)[target] and its
 * gradient (softmax - onehot) / rows, in one pass per row.
 */
final class CrossEntropy
{
    private CrossEntropy()
    {
    }

    static double forwardBackward(final float[] logits, final int[] targets, final float[] dLogits, final int rows,
        final int vocab)
    {
        for (int r = 0; r < rows; r++)
        {
            if (targets[r] < 0 || targets[r] >= vocab)
            {
                throw new IllegalArgumentException("target " + targets[r] + " at row " + r + " outside [0, " + vocab + ")");
            }
        }
        final double[] rowLoss = new double[rows];
        final float invRows = 1f / rows;
        Parallel.range(rows, Math.max(1, 8192 / vocab), (from, to) ->
        {
            for (int r = from; r < to; r++)
            {
                final int o = r * vocab;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < vocab; j++)
                {
                    max = Math.max(max, logits[o + j]);
                }
                double sum = 0;
                for (int j = 0; j < vocab; j++)
                {
                    sum += Math.exp(logits[o + j] - max);
                }
                final double logSum = max + Math.log(sum);
                rowLoss[r] = logSum - logits[o + targets[r]];
                for (int j = 0; j < vocab; j++)
                {
                    dLogits[o + j] = (float)Math.exp(logits[o + j] - logSum) * invRows;
                }
                dLogits[o + targets[r]] -= invRows;
            }
        });
        double total = 0;
        for (final double l : rowLoss)
        {
            total += l;
        }
        return total / rows;
    }
}
