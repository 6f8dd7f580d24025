package io.iotaj.runtime.model;

import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * What one miner owns: a contiguous run of the architecture's stages [firstArch, endArch), i.e. of their
 * blocks. The one holding block 0 also owns the token embedding; the one holding the last block owns the
 * final norm, the LM head and the loss. A stage sees only its boundary input (token ids or the b-wide
 * bottleneck activation) and the gradient handed back to it, exactly as a miner does. Its parameters are
 * grouped per architectural stage, which is also the unit of gradient clipping and optimizer state, so a
 * model gives the same numbers however its architectural stages are grouped.
 */
public final class Stage
{
    private final Backend be;
    private final ModelConfig config;
    private final int firstArch;
    private final int endArch;
    private final List<Parameters> groups = new ArrayList<>();
    private final Parameters params;
    private final List<Block> blocks = new ArrayList<>();

    private int batch, seq;
    private int[] tokens;
    private Tensor embedded, finalIn, normed, rstd, logits, dLogits, dNormed, dFinal;

    /** One architectural stage. */
    public Stage(final Backend backend, final ModelConfig config, final int archStage)
    {
        this(backend, config, archStage, archStage + 1);
    }

    /** Architectural stages [firstArch, endArch) as one execution stage. */
    public Stage(final Backend backend, final ModelConfig config, final int firstArch, final int endArch)
    {
        if (firstArch < 0 || endArch > config.stageCount() || firstArch >= endArch)
        {
            throw new IllegalArgumentException("stage range [" + firstArch + ", " + endArch + ") outside the model's " +
                config.stageCount() + " stages");
        }
        this.be = backend;
        this.config = config;
        this.firstArch = firstArch;
        this.endArch = endArch;
        for (int a = firstArch; a < endArch; a++)
        {
            groups.add(new Parameters(backend, ParamNames.ofStage(config, a)));
        }
        this.params = Parameters.union(groups);
        for (int layer = config.stageFrom(firstArch); layer < config.stageTo(endArch - 1); layer++)
        {
            blocks.add(new Block(backend, config, layer, params));
        }
    }

    /** The first architectural stage this stage holds. */
    public int firstArchStage()
    {
        return firstArch;
    }

    /** One past the last architectural stage this stage holds. */
    public int endArchStage()
    {
        return endArch;
    }

    /** Parameters grouped per architectural stage: the unit of clipping and optimizer state. */
    public List<Parameters> parameterGroups()
    {
        return java.util.Collections.unmodifiableList(groups);
    }

    public ModelConfig config()
    {
        return config;
    }

    public Parameters parameters()
    {
        return params;
    }

    public Backend backend()
    {
        return be;
    }

    public boolean isFirst()
    {
        return firstArch == 0;
    }

    public boolean isLast()
    {
        return endArch == config.stageCount();
    }

    /** Stage 0: token ids [batch * seq] to its output. */
    public Tensor forwardTokens(final int[] tokenIds, final int batch, final int seq)
    {
        if (!isFirst())
        {
            throw new IllegalStateException("a stage that starts at block " + config.stageFrom(firstArch) + " takes activations, not tokens");
        }
        checkShape(tokenIds.length, batch, seq);
        prepare(batch, seq);
        this.tokens = tokenIds.clone();
        be.embedding(tokens, params.get("tok_emb.weight").value(), embedded);
        return runBlocks(embedded);
    }

    /** Stages after the first: the b-wide boundary activation [batch * seq, b] to this stage's output. */
    public Tensor forward(final Tensor activation, final int batch, final int seq)
    {
        if (isFirst())
        {
            throw new IllegalStateException("stage 0 takes tokens");
        }
        checkShape(activation.size() / config.bottleneckDim(), batch, seq);
        if (activation.size() != batch * seq * config.bottleneckDim())
        {
            throw new IllegalArgumentException("activation has " + activation.size() + " elements, expected " +
                batch * seq * config.bottleneckDim());
        }
        prepare(batch, seq);
        return runBlocks(activation);
    }

    /** Last stage: mean cross-entropy of the last forward's logits; also prepares the backward pass. */
    public double loss(final int[] targets)
    {
        if (!isLast())
        {
            throw new IllegalStateException("only the last stage computes the loss");
        }
        return be.crossEntropy(logits, targets, dLogits);
    }

    /** Last stage: backward from the loss computed by {@link #loss}. Returns d loss / d input (null for stage 0). */
    public Tensor backwardFromLoss()
    {
        if (!isLast())
        {
            throw new IllegalStateException("only the last stage starts the backward pass");
        }
        final Parameter norm = params.get("norm.weight");
        final Parameter head = params.get("lm_head.weight");
        final int rows = batch * seq, E = config.dim(), V = config.vocabSize();
        be.gemm(false, false, rows, E, V, dLogits, head.value(), dNormed, false);
        be.gemm(true, false, V, E, rows, dLogits, normed, head.grad(), true);
        be.rmsNormBackward(finalIn, norm.value(), rstd, dNormed, dFinal, norm.grad(), false);
        return backwardBlocks(dFinal);
    }

    /** Non-last stages: backward from the gradient of this stage's output. Returns d/d input (null for stage 0). */
    public Tensor backward(final Tensor dOut)
    {
        if (isLast())
        {
            throw new IllegalStateException("the last stage starts from its loss");
        }
        return backwardBlocks(dOut);
    }

    private Tensor runBlocks(final Tensor input)
    {
        Tensor x = input;
        for (final Block block : blocks)
        {
            x = block.forward(x, batch, seq);
        }
        if (!isLast())
        {
            return x;
        }
        finalIn = x;
        final int rows = batch * seq;
        be.rmsNorm(x, params.get("norm.weight").value(), config.normEps(), normed, rstd);
        be.gemm(false, true, rows, config.vocabSize(), config.dim(), normed, params.get("lm_head.weight").value(),
            logits, false);
        return logits;
    }

    private Tensor backwardBlocks(final Tensor dOut)
    {
        Tensor g = dOut;
        for (int i = blocks.size() - 1; i >= 0; i--)
        {
            g = blocks.get(i).backward(g);
        }
        if (isFirst())
        {
            be.embeddingBackward(tokens, g, params.get("tok_emb.weight").grad());
            return null;
        }
        return g;
    }

    private void checkShape(final int rows, final int batch, final int seq)
    {
        if (batch < 1 || seq < 1 || seq > config.maxSeqLen() || rows != batch * seq)
        {
            throw new IllegalArgumentException("bad batch shape: batch=" + batch + " seq=" + seq + " (max_seq_len " +
                config.maxSeqLen() + ") for " + rows + " rows");
        }
    }

    private void prepare(final int batch, final int seq)
    {
        if (batch == this.batch && seq == this.seq)
        {
            return;
        }
        this.batch = batch;
        this.seq = seq;
        final int rows = batch * seq, E = config.dim();
        embedded = isFirst() ? be.allocate(rows, E) : null;
        if (isLast())
        {
            normed = be.allocate(rows, E);
            rstd = be.allocate(rows);
            logits = be.allocate(rows, config.vocabSize());
            dLogits = be.allocate(rows, config.vocabSize());
            dNormed = be.allocate(rows, E);
            dFinal = be.allocate(rows, E);
        }
    }
}
