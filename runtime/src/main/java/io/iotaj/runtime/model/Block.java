package io.iotaj.runtime.model;

import io.iotaj.kernels.AttentionShape;
import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;

/**
 * One transformer block, forward and backward with an explicit activation cache. Three kinds:
 * <ul>
 *   <li>standard: h = x + attn(norm(x)); out = h + w3(silu(w1 n) * w2 n), n = norm(h)</li>
 *   <li>bottleneck (last block of a non-final stage): out = w4(silu(w3(...))) + h[:, :b], width b</li>
 *   <li>receiving (first block of a non-first stage): x = relu(decoder x_b); h = attn(norm(x)) with x_b added
 *       to its first b columns; then the standard FFN</li>
 * </ul>
 * Shapes: rows M = batch * seq; E = dim, F = ffn, b = bottleneck, q = heads * hd, kv = kvHeads * hd.
 * Gradients accumulate into the parameters' grad tensors.
 */
final class Block
{
    private final Backend be;
    private final ModelConfig config;
    private final ModelConfig.BlockKind kind;
    private final int E, F, b, qDim, kvDim;
    private final Parameter decoder, attnNorm, wq, wk, wv, wo, ffnNorm, w1, w2, w3, w4;

    /** What the backward pass of one in-flight sample needs from its forward pass. */
    static final class Cache
    {
        private int batch, seq, rows;
        private AttentionShape shape;
        private Tensor in;
        private Tensor pre, xdec, xn1, rstd1, q, k, v, att, lse, h, xn2, rstd2, g1, g2, z, z3, sz, out;
    }

    // backward scratch, shared by every slot (one compute thread per block)
    private int scratchRows;
    private Tensor dz3, dz, dg1, dg2, dxn2, datt, dq, dk, dv, dxn1, dxdec, dIn, dsz;

    Block(final Backend backend, final ModelConfig config, final int layer, final Parameters params)
    {
        this.be = backend;
        this.config = config;
        this.kind = config.kind(layer);
        this.E = config.dim();
        this.F = config.ffnDim();
        this.b = config.bottleneckDim();
        this.qDim = config.nHeads() * config.headDim();
        this.kvDim = config.nKvHeads() * config.headDim();
        final String p = "blocks." + layer + ".";
        decoder = kind == ModelConfig.BlockKind.RECEIVING ? params.get(p + "decoder.weight") : null;
        attnNorm = params.get(p + "attn_norm.weight");
        wq = params.get(p + "attn.wq.weight");
        wk = params.get(p + "attn.wk.weight");
        wv = params.get(p + "attn.wv.weight");
        wo = params.get(p + "attn.wo.weight");
        ffnNorm = params.get(p + "ffn_norm.weight");
        w1 = params.get(p + "ffn.w1.weight");
        w2 = params.get(p + "ffn.w2.weight");
        w3 = params.get(p + "ffn.w3.weight");
        w4 = kind == ModelConfig.BlockKind.BOTTLENECK ? params.get(p + "ffn.w4.weight") : null;
    }

    int inputWidth()
    {
        return kind == ModelConfig.BlockKind.RECEIVING ? b : E;
    }

    int outputWidth()
    {
        return kind == ModelConfig.BlockKind.BOTTLENECK ? b : E;
    }

    /**
     * x: [rows, inputWidth]; returns [rows, outputWidth], held in {@code c} until its next forward. x must
     * stay unchanged until the backward pass of this cache.
     */
    Tensor forward(final Tensor x, final int batch, final int seq, final Cache c)
    {
        ensureCache(c, batch, seq);
        final int rows = c.rows;
        final Tensor pre = c.pre, xdec = c.xdec, xn1 = c.xn1, rstd1 = c.rstd1, q = c.q, k = c.k, v = c.v;
        final Tensor att = c.att, lse = c.lse, h = c.h, xn2 = c.xn2, rstd2 = c.rstd2, g1 = c.g1, g2 = c.g2;
        final Tensor z = c.z, z3 = c.z3, sz = c.sz, out = c.out;
        c.in = x;
        final Tensor attnIn;
        if (kind == ModelConfig.BlockKind.RECEIVING)
        {
            be.gemm(false, true, rows, E, b, x, decoder.value(), pre, false);
            be.relu(pre, xdec);
            attnIn = xdec;
        }
        else
        {
            attnIn = x;
        }
        be.rmsNorm(attnIn, attnNorm.value(), config.normEps(), xn1, rstd1);
        be.gemm(false, true, rows, qDim, E, xn1, wq.value(), q, false);
        be.gemm(false, true, rows, kvDim, E, xn1, wk.value(), k, false);
        be.gemm(false, true, rows, kvDim, E, xn1, wv.value(), v, false);
        be.rope(q, batch, seq, config.nHeads(), config.headDim(), config.ropeTheta(), false);
        be.rope(k, batch, seq, config.nKvHeads(), config.headDim(), config.ropeTheta(), false);
        be.attention(q, k, v, c.shape, att, lse);
        be.gemm(false, true, rows, E, qDim, att, wo.value(), h, false);
        if (kind == ModelConfig.BlockKind.RECEIVING)
        {
            be.addColumns(x, b, h, E, b);
        }
        else
        {
            be.add(h, x, h);
        }
        be.rmsNorm(h, ffnNorm.value(), config.normEps(), xn2, rstd2);
        be.gemm(false, true, rows, F, E, xn2, w1.value(), g1, false);
        be.gemm(false, true, rows, F, E, xn2, w2.value(), g2, false);
        be.swiglu(g1, g2, z);
        be.gemm(false, true, rows, E, F, z, w3.value(), z3, false);
        if (kind == ModelConfig.BlockKind.BOTTLENECK)
        {
            be.silu(z3, sz);
            be.gemm(false, true, rows, b, E, sz, w4.value(), out, false);
            be.addColumns(h, E, out, b, b);
        }
        else
        {
            be.add(h, z3, out);
        }
        return out;
    }

    /** dOut: [rows, outputWidth]; returns d/d(input) [rows, inputWidth], valid until the next backward. */
    Tensor backward(final Tensor dOut, final Cache c)
    {
        ensureScratch(c.rows);
        final int rows = c.rows, batch = c.batch, seq = c.seq;
        final Tensor pre = c.pre, xdec = c.xdec, xn1 = c.xn1, rstd1 = c.rstd1, q = c.q, k = c.k, v = c.v;
        final Tensor att = c.att, lse = c.lse, h = c.h, xn2 = c.xn2, rstd2 = c.rstd2, g1 = c.g1, g2 = c.g2;
        final Tensor z = c.z, z3 = c.z3, sz = c.sz, in = c.in;
        // dh accumulates the gradient w.r.t. h; it reuses the xdec-sized buffer dIn for non-receiving blocks.
        final Tensor dh = kind == ModelConfig.BlockKind.RECEIVING ? dxdec : dIn;
        final Tensor dFfnOut;
        if (kind == ModelConfig.BlockKind.BOTTLENECK)
        {
            be.gemm(false, false, rows, E, b, dOut, w4.value(), dsz, false);
            be.gemm(true, false, b, E, rows, dOut, sz, w4.grad(), true);
            be.siluBackward(z3, dsz, dz3);
            be.zero(dh);
            be.addColumns(dOut, b, dh, E, b);
            dFfnOut = dz3;
        }
        else
        {
            be.copy(dOut, dh);
            dFfnOut = dOut;
        }
        be.gemm(false, false, rows, F, E, dFfnOut, w3.value(), dz, false);
        be.gemm(true, false, E, F, rows, dFfnOut, z, w3.grad(), true);
        be.swigluBackward(g1, g2, dz, dg1, dg2);
        be.gemm(false, false, rows, E, F, dg1, w1.value(), dxn2, false);
        be.gemm(false, false, rows, E, F, dg2, w2.value(), dxn2, true);
        be.gemm(true, false, F, E, rows, dg1, xn2, w1.grad(), true);
        be.gemm(true, false, F, E, rows, dg2, xn2, w2.grad(), true);
        be.rmsNormBackward(h, ffnNorm.value(), rstd2, dxn2, dh, ffnNorm.grad(), true);

        be.gemm(false, false, rows, qDim, E, dh, wo.value(), datt, false);
        be.gemm(true, false, E, qDim, rows, dh, att, wo.grad(), true);
        be.attentionBackward(q, k, v, att, lse, datt, c.shape, dq, dk, dv);
        be.rope(dq, batch, seq, config.nHeads(), config.headDim(), config.ropeTheta(), true);
        be.rope(dk, batch, seq, config.nKvHeads(), config.headDim(), config.ropeTheta(), true);
        be.gemm(false, false, rows, E, qDim, dq, wq.value(), dxn1, false);
        be.gemm(false, false, rows, E, kvDim, dk, wk.value(), dxn1, true);
        be.gemm(false, false, rows, E, kvDim, dv, wv.value(), dxn1, true);
        be.gemm(true, false, qDim, E, rows, dq, xn1, wq.grad(), true);
        be.gemm(true, false, kvDim, E, rows, dk, xn1, wk.grad(), true);
        be.gemm(true, false, kvDim, E, rows, dv, xn1, wv.grad(), true);

        if (kind == ModelConfig.BlockKind.RECEIVING)
        {
            // the decoded input feeds only the attention branch; x_b's own gradient is dh[:, :b]
            final Tensor dDecoded = dxn2;
            be.rmsNormBackward(xdec, attnNorm.value(), rstd1, dxn1, dDecoded, attnNorm.grad(), false);
            be.reluBackward(pre, dDecoded, dDecoded);
            be.zero(dIn);
            be.addColumns(dh, E, dIn, b, b);
            be.gemm(false, false, rows, b, E, dDecoded, decoder.value(), dIn, true);
            be.gemm(true, false, E, b, rows, dDecoded, in, decoder.grad(), true);
            return dIn;
        }
        be.rmsNormBackward(in, attnNorm.value(), rstd1, dxn1, dh, attnNorm.grad(), true);
        return dh;
    }

    private void ensureCache(final Cache c, final int batch, final int seq)
    {
        if (batch == c.batch && seq == c.seq)
        {
            return;
        }
        c.batch = batch;
        c.seq = seq;
        c.rows = batch * seq;
        c.shape = new AttentionShape(batch, seq, config.nHeads(), config.nKvHeads(), config.headDim());
        final int M = c.rows;
        final boolean receiving = kind == ModelConfig.BlockKind.RECEIVING;
        c.pre = receiving ? be.allocate(M, E) : null;
        c.xdec = receiving ? be.allocate(M, E) : null;
        c.xn1 = be.allocate(M, E);
        c.rstd1 = be.allocate(M);
        c.q = be.allocate(M, qDim);
        c.k = be.allocate(M, kvDim);
        c.v = be.allocate(M, kvDim);
        c.att = be.allocate(M, qDim);
        c.lse = be.allocate(batch, config.nHeads(), seq);
        c.h = be.allocate(M, E);
        c.xn2 = be.allocate(M, E);
        c.rstd2 = be.allocate(M);
        c.g1 = be.allocate(M, F);
        c.g2 = be.allocate(M, F);
        c.z = be.allocate(M, F);
        c.z3 = be.allocate(M, E);
        c.sz = kind == ModelConfig.BlockKind.BOTTLENECK ? be.allocate(M, E) : null;
        c.out = be.allocate(M, outputWidth());
    }

    private void ensureScratch(final int M)
    {
        if (M == scratchRows)
        {
            return;
        }
        scratchRows = M;
        final boolean bottleneck = kind == ModelConfig.BlockKind.BOTTLENECK;
        dxdec = kind == ModelConfig.BlockKind.RECEIVING ? be.allocate(M, E) : null;
        dsz = bottleneck ? be.allocate(M, E) : null;
        dz3 = bottleneck ? be.allocate(M, E) : null;
        dz = be.allocate(M, F);
        dg1 = be.allocate(M, F);
        dg2 = be.allocate(M, F);
        dxn2 = be.allocate(M, E);
        datt = be.allocate(M, qDim);
        dq = be.allocate(M, qDim);
        dk = be.allocate(M, kvDim);
        dv = be.allocate(M, kvDim);
        dxn1 = be.allocate(M, E);
        dIn = be.allocate(M, inputWidth());
    }
}
