package io.iotaj.kernels.cpu;

import io.iotaj.kernels.AdamWConfig;
import io.iotaj.kernels.AttentionShape;
import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The reference backend: Java arrays, Vector API GEMM, row-parallel ops on the common fork-join pool. */
public final class CpuBackend implements Backend
{
    private record RopeKey(int seq, int headDim, double theta)
    {
    }

    private final Map<RopeKey, float[][]> ropeTables = new ConcurrentHashMap<>();

    @Override
    public String name()
    {
        return "cpu";
    }

    @Override
    public CpuTensor allocate(final int... shape)
    {
        return new CpuTensor(this, new float[Tensor.sizeOf(shape)], shape);
    }

    @Override
    public CpuTensor fromArray(final float[] data, final int... shape)
    {
        return new CpuTensor(this, data.clone(), shape);
    }

    @Override
    public void read(final Tensor t, final float[] dst)
    {
        System.arraycopy(d(t), 0, dst, 0, t.size());
    }

    @Override
    public void write(final float[] src, final Tensor t)
    {
        System.arraycopy(src, 0, d(t), 0, t.size());
    }

    @Override
    public void zero(final Tensor t)
    {
        Arrays.fill(d(t), 0f);
    }

    @Override
    public void copy(final Tensor src, final Tensor dst)
    {
        requireSameSize(src, dst);
        System.arraycopy(d(src), 0, d(dst), 0, src.size());
    }

    @Override
    public void gemm(final boolean transA, final boolean transB, final int m, final int n, final int k, final Tensor a,
        final Tensor b, final Tensor c, final boolean accumulate)
    {
        if ((long)m * k > a.size() || (long)k * n > b.size() || (long)m * n > c.size())
        {
            throw new IllegalArgumentException("gemm operands too small for m=" + m + " n=" + n + " k=" + k);
        }
        Gemm.gemm(transA, transB, m, n, k, d(a), 0, d(b), 0, d(c), 0, accumulate);
    }

    @Override
    public void embedding(final int[] tokens, final Tensor table, final Tensor out)
    {
        final float[] w = d(table), o = d(out);
        final int dim = width(table), vocab = table.size() / dim;
        for (int r = 0; r < tokens.length; r++)
        {
            checkToken(tokens[r], vocab, r);
            System.arraycopy(w, tokens[r] * dim, o, r * dim, dim);
        }
    }

    @Override
    public void embeddingBackward(final int[] tokens, final Tensor dOut, final Tensor dTable)
    {
        final float[] g = d(dOut), dw = d(dTable);
        final int dim = width(dTable), vocab = dTable.size() / dim;
        for (int r = 0; r < tokens.length; r++)
        {
            checkToken(tokens[r], vocab, r);
            final int wo = tokens[r] * dim, go = r * dim;
            for (int i = 0; i < dim; i++)
            {
                dw[wo + i] += g[go + i];
            }
        }
    }

    @Override
    public void rmsNorm(final Tensor x, final Tensor w, final float eps, final Tensor out, final Tensor rstd)
    {
        final int dim = w.size();
        RmsNorm.forward(d(x), d(w), eps, d(out), d(rstd), x.size() / dim, dim);
    }

    @Override
    public void rmsNormBackward(final Tensor x, final Tensor w, final Tensor rstd, final Tensor dOut, final Tensor dx,
        final Tensor dw, final boolean accumulateDx)
    {
        final int dim = w.size();
        RmsNorm.backward(d(x), d(w), d(rstd), d(dOut), d(dx), d(dw), accumulateDx, x.size() / dim, dim);
    }

    @Override
    public void rope(final Tensor x, final int batch, final int seq, final int heads, final int headDim,
        final double theta, final boolean inverse)
    {
        if (headDim % 2 != 0 || (long)batch * seq * heads * headDim != x.size())
        {
            throw new IllegalArgumentException("rope: shape does not match tensor of " + x.size() + " elements");
        }
        final float[][] tables = ropeTables.computeIfAbsent(new RopeKey(seq, headDim, theta),
            key -> Rope.tables(key.seq(), key.headDim(), key.theta()));
        Rope.apply(d(x), tables, batch, seq, heads, headDim, inverse);
    }

    @Override
    public void attention(final Tensor q, final Tensor k, final Tensor v, final AttentionShape shape, final Tensor out,
        final Tensor lse)
    {
        Attention.forward(d(q), d(k), d(v), shape, d(out), d(lse));
    }

    @Override
    public void attentionBackward(final Tensor q, final Tensor k, final Tensor v, final Tensor out, final Tensor lse,
        final Tensor dOut, final AttentionShape shape, final Tensor dq, final Tensor dk, final Tensor dv)
    {
        Attention.backward(d(q), d(k), d(v), d(out), d(lse), d(dOut), shape, d(dq), d(dk), d(dv));
    }

    @Override
    public void swiglu(final Tensor a, final Tensor b, final Tensor out)
    {
        requireSameSize(a, b);
        Elementwise.swiglu(d(a), d(b), d(out), a.size());
    }

    @Override
    public void swigluBackward(final Tensor a, final Tensor b, final Tensor dOut, final Tensor da, final Tensor db)
    {
        Elementwise.swigluBackward(d(a), d(b), d(dOut), d(da), d(db), a.size());
    }

    @Override
    public void silu(final Tensor x, final Tensor out)
    {
        Elementwise.silu(d(x), d(out), x.size());
    }

    @Override
    public void siluBackward(final Tensor x, final Tensor dOut, final Tensor dx)
    {
        Elementwise.siluBackward(d(x), d(dOut), d(dx), x.size());
    }

    @Override
    public void relu(final Tensor x, final Tensor out)
    {
        Elementwise.relu(d(x), d(out), x.size());
    }

    @Override
    public void reluBackward(final Tensor x, final Tensor dOut, final Tensor dx)
    {
        Elementwise.reluBackward(d(x), d(dOut), d(dx), x.size());
    }

    @Override
    public void add(final Tensor x, final Tensor y, final Tensor out)
    {
        requireSameSize(x, y);
        Elementwise.add(d(x), d(y), d(out), x.size());
    }

    @Override
    public void addColumns(final Tensor src, final int srcWidth, final Tensor dst, final int dstWidth, final int cols)
    {
        final int rows = src.size() / srcWidth;
        if (cols > srcWidth || cols > dstWidth || (long)rows * dstWidth != dst.size())
        {
            throw new IllegalArgumentException("addColumns: widths do not match the tensors");
        }
        final float[] s = d(src), o = d(dst);
        for (int r = 0; r < rows; r++)
        {
            final int so = r * srcWidth, dOff = r * dstWidth;
            for (int c = 0; c < cols; c++)
            {
                o[dOff + c] += s[so + c];
            }
        }
    }

    @Override
    public double crossEntropy(final Tensor logits, final int[] targets, final Tensor dLogits)
    {
        final int vocab = width(logits);
        if (targets.length * vocab != logits.size())
        {
            throw new IllegalArgumentException("crossEntropy: " + targets.length + " targets for " +
                logits.size() / vocab + " rows");
        }
        return CrossEntropy.forwardBackward(d(logits), targets, d(dLogits), targets.length, vocab);
    }

    @Override
    public void adamw(final Tensor param, final Tensor grad, final Tensor m, final Tensor v, final AdamWConfig hp,
        final int step)
    {
        Optim.adamw(d(param), d(grad), d(m), d(v), hp, step, param.size());
    }

    @Override
    public double sumSquares(final Tensor t)
    {
        return Optim.sumSquares(d(t), t.size());
    }

    @Override
    public void scale(final Tensor t, final float s)
    {
        final float[] x = d(t);
        for (int i = 0; i < x.length; i++)
        {
            x[i] *= s;
        }
    }

    @Override
    public void quantizeQ8(final Tensor x, final byte[] codes, final float[] lo, final float[] scale)
    {
        final int dim = width(x);
        Q8Codec.quantize(d(x), codes, lo, scale, x.size() / dim, dim);
    }

    @Override
    public void dequantizeQ8(final byte[] codes, final float[] lo, final float[] scale, final Tensor out)
    {
        final int dim = width(out);
        Q8Codec.dequantize(codes, lo, scale, d(out), out.size() / dim, dim);
    }

    @Override
    public void close()
    {
        ropeTables.clear();
    }

    private float[] d(final Tensor t)
    {
        if (t.backend() != this)
        {
            throw new IllegalArgumentException("tensor belongs to backend " + t.backend().name() + ", not this cpu backend");
        }
        return ((CpuTensor)t).data();
    }

    private static int width(final Tensor t)
    {
        final int[] shape = t.shape();
        return shape.length == 0 ? 1 : shape[shape.length - 1];
    }

    private static void requireSameSize(final Tensor a, final Tensor b)
    {
        if (a.size() != b.size())
        {
            throw new IllegalArgumentException("size mismatch: " + a.size() + " vs " + b.size());
        }
    }

    private static void checkToken(final int token, final int vocab, final int row)
    {
        if (token < 0 || token >= vocab)
        {
            throw new IllegalArgumentException("token " + token + " at row " + row + " outside [0, " + vocab + ")");
        }
    }
}
