package io.iotaj.kernels;

/**
 * Every op the IOTA model needs, forward and backward. Row-major shapes are given in each
 * method's comment; "rows" is batch x seq. Outputs are overwritten unless a method says it
 * accumulates. Implementations: {@code cpu} (always present, the reference) and {@code cuda}.
 */
public interface Backend extends AutoCloseable
{
    String name();

    /** A zero-filled tensor. */
    Tensor allocate(int... shape);

    /** A tensor holding a copy of {@code data} (length = product of shape). */
    Tensor fromArray(float[] data, int... shape);

    /** Copies the tensor's contents into {@code dst} (length >= size). */
    void read(Tensor t, float[] dst);

    /** Copies {@code src} into the tensor (length >= size). */
    void write(float[] src, Tensor t);

    void zero(Tensor t);

    /** dst = src, sizes must match. */
    void copy(Tensor src, Tensor dst);

    /**
     * C[m,n] (+)= op(A)[m,k] * op(B)[k,n]; A stored [m,k], or [k,m] when transA; B stored [k,n], or [n,k]
     * when transB. accumulate=false overwrites C.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, Tensor a, Tensor b, Tensor c, boolean accumulate);

    /** out[r, :] = table[tokens[r], :]; table [vocab, dim], out [rows, dim]. */
    void embedding(int[] tokens, Tensor table, Tensor out);

    /** dTable[tokens[r], :] += dOut[r, :] (accumulates). */
    void embeddingBackward(int[] tokens, Tensor dOut, Tensor dTable);

    /** out = x * rsqrt(mean(x^2) + eps) * w over the last dim; x, out [rows, dim]; rstd [rows] saved for backward. */
    void rmsNorm(Tensor x, Tensor w, float eps, Tensor out, Tensor rstd);

    /** dx (+)= d/dx, dw += d/dw of {@link #rmsNorm}; accumulateDx adds into dx instead of overwriting. */
    void rmsNormBackward(Tensor x, Tensor w, Tensor rstd, Tensor dOut, Tensor dx, Tensor dw, boolean accumulateDx);

    /**
     * Rotate-half RoPE in place on x [batch, seq, heads, headDim], position = seq index, angle t * theta^(-2i/headDim).
     * inverse=true applies the transposed rotation (the backward pass).
     */
    void rope(Tensor x, int batch, int seq, int heads, int headDim, double theta, boolean inverse);

    /** Causal GQA: out [batch, seq, heads, headDim]; lse [batch, heads, seq] (log-sum-exp of scaled scores) saved. */
    void attention(Tensor q, Tensor k, Tensor v, AttentionShape shape, Tensor out, Tensor lse);

    /** Backward of {@link #attention}: overwrites dq, dk, dv. */
    void attentionBackward(Tensor q, Tensor k, Tensor v, Tensor out, Tensor lse, Tensor dOut, AttentionShape shape,
        Tensor dq, Tensor dk, Tensor dv);

    /** out = silu(a) * b, elementwise. */
    void swiglu(Tensor a, Tensor b, Tensor out);

    /** da, db of {@link #swiglu} (overwritten). */
    void swigluBackward(Tensor a, Tensor b, Tensor dOut, Tensor da, Tensor db);

    /** out = silu(x) = x * sigmoid(x). */
    void silu(Tensor x, Tensor out);

    /** dx = dOut * silu'(x). */
    void siluBackward(Tensor x, Tensor dOut, Tensor dx);

    /** out = max(x, 0). */
    void relu(Tensor x, Tensor out);

    /** dx = dOut where x > 0, else 0. */
    void reluBackward(Tensor x, Tensor dOut, Tensor dx);

    /** out = x + y (out may alias x or y). */
    void add(Tensor x, Tensor y, Tensor out);

    /**
     * The bottleneck's narrow residual: dst[r, 0:cols] += src[r, 0:cols] for every row, where src has srcWidth
     * columns and dst has dstWidth columns.
     */
    void addColumns(Tensor src, int srcWidth, Tensor dst, int dstWidth, int cols);

    /**
     * Fused softmax cross-entropy over logits [rows, vocab]: returns the mean loss over rows and writes
     * dLogits = (softmax - onehot) / rows. Targets outside [0, vocab) are rejected.
     */
    double crossEntropy(Tensor logits, int[] targets, Tensor dLogits);

    /** One AdamW step (step counts from 1) on param with its grad and moments m, v. */
    void adamw(Tensor param, Tensor grad, Tensor m, Tensor v, AdamWConfig hp, int step);

    /** Sum of squares, accumulated in double (for gradient-norm clipping). */
    double sumSquares(Tensor t);

    /** t *= s. */
    void scale(Tensor t, float s);

    /**
     * The reference int8 activation codec, per row of x [rows, dim]: clip to mean +- 6 std (population),
     * 256 levels; codes [rows*dim] in 0..255, lo and scale [rows]; value = lo + (code + 0.5) * scale.
     */
    void quantizeQ8(Tensor x, byte[] codes, float[] lo, float[] scale);

    /** out[r, c] = lo[r] + (codes[r*dim + c] + 0.5) * scale[r]. */
    void dequantizeQ8(byte[] codes, float[] lo, float[] scale, Tensor out);

    @Override
    void close();
}
