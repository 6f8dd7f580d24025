package io.iotaj.he.mnist;

import static io.iotaj.he.mnist.SplitNet.C1;
import static io.iotaj.he.mnist.SplitNet.C2;
import static io.iotaj.he.mnist.SplitNet.CLASSES;
import static io.iotaj.he.mnist.SplitNet.FLAT;
import static io.iotaj.he.mnist.SplitNet.HIDDEN;
import static io.iotaj.he.mnist.SplitNet.K1;
import static io.iotaj.he.mnist.SplitNet.K2;
import static io.iotaj.he.mnist.SplitNet.P1;
import static io.iotaj.he.mnist.SplitNet.P2;
import static io.iotaj.he.mnist.SplitNet.S1;
import static io.iotaj.he.mnist.SplitNet.S2;

/**
 * One forward and backward pass of {@link SplitNet} over a batch, with every buffer allocated once for
 * the batch size. Layouts: [batch][position][channel] for convolution activations, [batch][features]
 * for the dense part.
 */
final class Pass
{
    private static final int IN = IdxDataset.COLUMNS;
    private static final int PATCH1 = K1 * K1;
    private static final int PATCH2 = C1 * K2 * K2;

    private final SplitNet net;
    private final int batch;
    private final float[] cols1;
    private final float[] z1;
    private final float[] a1;
    private final float[] p1;
    private final int[] idx1;
    private final float[] cols2;
    private final float[] z2;
    private final float[] a2;
    private final float[] p2;
    private final int[] idx2;
    final float[] flat;
    private final float[] h;
    private final float[] sq;
    final float[] logits;

    Pass(final SplitNet net, final int batch)
    {
        this.net = net;
        this.batch = batch;
        cols1 = new float[batch * S1 * S1 * PATCH1];
        z1 = new float[batch * S1 * S1 * C1];
        a1 = new float[z1.length];
        p1 = new float[batch * P1 * P1 * C1];
        idx1 = new int[p1.length];
        cols2 = new float[batch * S2 * S2 * PATCH2];
        z2 = new float[batch * S2 * S2 * C2];
        a2 = new float[z2.length];
        p2 = new float[batch * P2 * P2 * C2];
        idx2 = new int[p2.length];
        flat = new float[batch * FLAT];
        h = new float[batch * HIDDEN];
        sq = new float[h.length];
        logits = new float[batch * CLASSES];
    }

    void forward(final float[][] images)
    {
        for (int b = 0; b < batch; b++)
        {
            im2colInput(images[b], b);
        }
        Matmul.abT(cols1, net.conv1W, net.conv1B, z1, batch * S1 * S1, PATCH1, C1);
        relu(z1, a1);
        maxPool(a1, S1, C1, p1, idx1);
        im2colPooled();
        Matmul.abT(cols2, net.conv2W, net.conv2B, z2, batch * S2 * S2, PATCH2, C2);
        relu(z2, a2);
        maxPool(a2, S2, C2, p2, idx2);
        for (int b = 0; b < batch; b++)
        {
            for (int pos = 0; pos < P2 * P2; pos++)
            {
                for (int c = 0; c < C2; c++)
                {
                    flat[b * FLAT + c * P2 * P2 + pos] = p2[(b * P2 * P2 + pos) * C2 + c];
                }
            }
        }
        Matmul.abT(flat, net.fc1W, net.fc1B, h, batch, FLAT, HIDDEN);
        for (int i = 0; i < h.length; i++)
        {
            sq[i] = h[i] * h[i];
        }
        Matmul.abT(sq, net.fc2W, net.fc2B, logits, batch, HIDDEN, CLASSES);
    }

    /** Softmax cross-entropy against labels; fills grads (same order as net.parameters()) and returns the mean loss. */
    float backward(final int[] labels, final float[][] grads)
    {
        final float[] dLogits = new float[logits.length];
        double loss = 0;
        for (int b = 0; b < batch; b++)
        {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < CLASSES; j++)
            {
                max = Math.max(max, logits[b * CLASSES + j]);
            }
            double sum = 0;
            for (int j = 0; j < CLASSES; j++)
            {
                sum += Math.exp(logits[b * CLASSES + j] - max);
            }
            for (int j = 0; j < CLASSES; j++)
            {
                final double p = Math.exp(logits[b * CLASSES + j] - max) / sum;
                dLogits[b * CLASSES + j] = (float)((p - (j == labels[b] ? 1 : 0)) / batch);
            }
            loss -= logits[b * CLASSES + labels[b]] - max - Math.log(sum);
        }
        Matmul.aTb(dLogits, sq, grads[6], batch, CLASSES, HIDDEN);
        columnSums(dLogits, CLASSES, grads[7]);
        final float[] dH = new float[h.length];
        Matmul.ab(dLogits, net.fc2W, dH, batch, CLASSES, HIDDEN);
        for (int i = 0; i < dH.length; i++)
        {
            dH[i] *= 2 * h[i];
        }
        Matmul.aTb(dH, flat, grads[4], batch, HIDDEN, FLAT);
        columnSums(dH, HIDDEN, grads[5]);
        final float[] dFlat = new float[flat.length];
        Matmul.ab(dH, net.fc1W, dFlat, batch, HIDDEN, FLAT);

        final float[] dA2 = new float[a2.length];
        for (int b = 0; b < batch; b++)
        {
            for (int pos = 0; pos < P2 * P2; pos++)
            {
                for (int c = 0; c < C2; c++)
                {
                    dA2[idx2[(b * P2 * P2 + pos) * C2 + c]] += dFlat[b * FLAT + c * P2 * P2 + pos];
                }
            }
        }
        reluBackward(z2, dA2);
        Matmul.aTb(dA2, cols2, grads[2], batch * S2 * S2, C2, PATCH2);
        columnSums(dA2, C2, grads[3]);
        final float[] dCols2 = new float[cols2.length];
        Matmul.ab(dA2, net.conv2W, dCols2, batch * S2 * S2, C2, PATCH2);

        final float[] dP1 = new float[p1.length];
        forEachPooledPatch((col, pooled) -> dP1[pooled] += dCols2[col]);
        final float[] dA1 = new float[a1.length];
        for (int i = 0; i < dP1.length; i++)
        {
            dA1[idx1[i]] += dP1[i];
        }
        reluBackward(z1, dA1);
        Matmul.aTb(dA1, cols1, grads[0], batch * S1 * S1, C1, PATCH1);
        columnSums(dA1, C1, grads[1]);
        return (float)(loss / batch);
    }

    /** conv1 patches: kernel 8, stride 2, padding 3 over the 28x28 image. */
    private void im2colInput(final float[] image, final int b)
    {
        for (int oy = 0; oy < S1; oy++)
        {
            for (int ox = 0; ox < S1; ox++)
            {
                final int base = ((b * S1 + oy) * S1 + ox) * PATCH1;
                for (int ky = 0; ky < K1; ky++)
                {
                    final int iy = 2 * oy - 3 + ky;
                    for (int kx = 0; kx < K1; kx++)
                    {
                        final int ix = 2 * ox - 3 + kx;
                        final boolean inside = iy >= 0 && iy < IN && ix >= 0 && ix < IN;
                        cols1[base + ky * K1 + kx] = inside ? image[iy * IN + ix] : 0f;
                    }
                }
            }
        }
    }

    private void im2colPooled()
    {
        forEachPooledPatch((col, pooled) -> cols2[col] = p1[pooled]);
    }

    private interface PatchVisitor
    {
        void visit(int colIndex, int pooledIndex);
    }

    /** conv2 patches (kernel 4, stride 2, no padding) over the 13x13x16 pooled map, ordered (c, ky, kx). */
    private void forEachPooledPatch(final PatchVisitor visitor)
    {
        for (int b = 0; b < batch; b++)
        {
            for (int oy = 0; oy < S2; oy++)
            {
                for (int ox = 0; ox < S2; ox++)
                {
                    final int base = ((b * S2 + oy) * S2 + ox) * PATCH2;
                    for (int c = 0; c < C1; c++)
                    {
                        for (int ky = 0; ky < K2; ky++)
                        {
                            for (int kx = 0; kx < K2; kx++)
                            {
                                final int pos = (2 * oy + ky) * P1 + 2 * ox + kx;
                                visitor.visit(base + c * K2 * K2 + ky * K2 + kx, (b * P1 * P1 + pos) * C1 + c);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Max-pool 2x2 stride 1 over [batch][side][side][channels], remembering each winner. */
    private void maxPool(final float[] in, final int side, final int channels, final float[] out, final int[] index)
    {
        final int outSide = side - 1;
        for (int b = 0; b < batch; b++)
        {
            for (int y = 0; y < outSide; y++)
            {
                for (int x = 0; x < outSide; x++)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        int best = ((b * side + y) * side + x) * channels + c;
                        for (int d = 1; d < 4; d++)
                        {
                            final int candidate = ((b * side + y + (d >> 1)) * side + x + (d & 1)) * channels + c;
                            if (in[candidate] > in[best])
                            {
                                best = candidate;
                            }
                        }
                        final int o = ((b * outSide + y) * outSide + x) * channels + c;
                        out[o] = in[best];
                        index[o] = best;
                    }
                }
            }
        }
    }

    private static void relu(final float[] in, final float[] out)
    {
        for (int i = 0; i < in.length; i++)
        {
            out[i] = Math.max(in[i], 0f);
        }
    }

    private static void reluBackward(final float[] preActivation, final float[] grad)
    {
        for (int i = 0; i < grad.length; i++)
        {
            if (preActivation[i] <= 0f)
            {
                grad[i] = 0f;
            }
        }
    }

    private static void columnSums(final float[] matrix, final int columns, final float[] out)
    {
        java.util.Arrays.fill(out, 0f);
        for (int i = 0; i < matrix.length; i++)
        {
            out[i % columns] += matrix[i];
        }
    }
}
