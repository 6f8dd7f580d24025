package io.iotaj.he.linear;

/**
 * The generalised diagonals of a plaintext matrix W[n][m] (input-major) laid over all slots:
 * diagonal i holds W[(s + i) mod n][s mod m] in slot s, for every slot when the output is replicated,
 * otherwise only for s < m. Summing diagonal_i times the input rotated left by i gives x W.
 */
public final class MatrixDiagonals
{
    private final double[][] weights;
    private final int inputs;
    private final int outputs;
    private final int slots;
    private final boolean replicateOutput;

    public MatrixDiagonals(final double[][] weights, final int slots, final boolean replicateOutput)
    {
        this.weights = weights;
        this.inputs = weights.length;
        this.outputs = weights[0].length;
        this.slots = slots;
        this.replicateOutput = replicateOutput;
        if (slots % inputs != 0 || (replicateOutput && slots % outputs != 0) || outputs > inputs)
        {
            throw new IllegalArgumentException("a " + inputs + "x" + outputs + " matrix needs n | slots, m <= n" +
                (replicateOutput ? " and m | slots" : "") + " (slots " + slots + ")");
        }
    }

    public int inputs()
    {
        return inputs;
    }

    public int slots()
    {
        return slots;
    }

    /** Diagonal i rotated left by shift (shift 0 for the plain diagonal method). */
    public double[] diagonal(final int i, final int shift)
    {
        final double[] out = new double[slots];
        for (int t = 0; t < slots; t++)
        {
            final int s = Math.floorMod(t + shift, slots);
            if (replicateOutput || s < outputs)
            {
                out[t] = weights[(s + i) % inputs][s % outputs];
            }
        }
        return out;
    }
}
