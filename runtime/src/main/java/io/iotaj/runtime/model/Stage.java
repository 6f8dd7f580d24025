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

    private final Slot[] slots;
    private Tensor dNormed, dFinal;

    /** One in-flight sample's forward state: every block's cache plus the head's. */
    private static final class Slot
    {
        private int batch, seq;
        private int[] tokens;
        private Block.Cache[] caches;
        private Tensor embedded, finalIn, normed, rstd, logits, dLogits;
    }

    /** One architectural stage. */
    public Stage(final Backend backend, final ModelConfig config, final int archStage)
    {
        this(backend, config, archStage, archStage + 1);
    }

    /** Architectural stages [firstArch, endArch) as one execution stage with one in-flight slot. */
    public Stage(final Backend backend, final ModelConfig config, final int firstArch, final int endArch)
    {
        this(backend, config, firstArch, endArch, 1);
    }

    /**
     * Architectural stages [firstArch, endArch) with {@code slotCount} independent activation caches, so that
     * that many samples can be in flight (forward done, backward pending) at once.
     */
    public Stage(final Backend backend, final ModelConfig config, final int firstArch, final int endArch,
        final int slotCount)
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
        if (slotCount < 1)
        {
            throw new IllegalArgumentException("a stage needs at least one in-flight slot");
        }
        slots = new Slot[slotCount];
        for (int i = 0; i < slotCount; i++)
        {
            slots[i] = new Slot();
            slots[i].caches = new Block.Cache[blocks.size()];
            for (int b = 0; b < blocks.size(); b++)
            {
                slots[i].caches[b] = new Block.Cache();
            }
        }
    }

    public int slotCount()
    {
        return slots.length;
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

    /** Stage 0: token ids [batch * seq] to its output (slot 0). */
    public Tensor forwardTokens(final int[] tokenIds, final int batch, final int seq)
    {
        return forwardTokens(0, tokenIds, batch, seq);
    }

    /** Stage 0: token ids [batch * seq] to its output, cached in {@code slot}. */
    public Tensor forwardTokens(final int slot, final int[] tokenIds, final int batch, final int seq)
    {
        if (!isFirst())
        {
            throw new IllegalStateException("a stage that starts at block " + config.stageFrom(firstArch) + " takes activations, not tokens");
        }
        checkShape(tokenIds.length, batch, seq);
        final Slot sl = prepare(slot, batch, seq);
        sl.tokens = tokenIds.clone();
        be.embedding(sl.tokens, params.get("tok_emb.weight").value(), sl.embedded);
        return runBlocks(sl, sl.embedded);
    }

    /** Stages after the first: the b-wide boundary activation [batch * seq, b] to this stage's output (slot 0). */
    public Tensor forward(final Tensor activation, final int batch, final int seq)
    {
        return forward(0, activation, batch, seq);
    }

    /**
     * Stages after the first, cached in {@code slot}. The activation must stay unchanged until this slot's
     * backward pass (the receiving block reads it again).
     */
    public Tensor forward(final int slot, final Tensor activation, final int batch, final int seq)
    {
        if (isFirst())
        {
            throw new IllegalStateException("stage 0 takes tokens");
        }
        checkShape(activation.size() / config.boundaryWidth(), batch, seq);
        if (activation.size() != batch * seq * config.boundaryWidth())
        {
            throw new IllegalArgumentException("activation has " + activation.size() + " elements, expected " +
                batch * seq * config.boundaryWidth());
        }
        return runBlocks(prepare(slot, batch, seq), activation);
    }

    /** Last stage: mean cross-entropy of slot 0's logits; also prepares its backward pass. */
    public double loss(final int[] targets)
    {
        return loss(0, targets);
    }

    /** Last stage: mean cross-entropy of the slot's logits; also prepares its backward pass. */
    public double loss(final int slot, final int[] targets)
    {
        if (!isLast())
        {
            throw new IllegalStateException("only the last stage computes the loss");
        }
        final Slot sl = slots[slot];
        return be.crossEntropy(sl.logits, targets, sl.dLogits);
    }

    /** Last stage, slot 0: backward from the loss. Returns d loss / d input (null for stage 0). */
    public Tensor backwardFromLoss()
    {
        return backwardFromLoss(0);
    }

    /** Last stage: backward from the slot's loss computed by {@link #loss}. Returns d loss / d input (null for stage 0). */
    public Tensor backwardFromLoss(final int slot)
    {
        if (!isLast())
        {
            throw new IllegalStateException("only the last stage starts the backward pass");
        }
        final Slot sl = slots[slot];
        final Parameter norm = params.get("norm.weight");
        final Parameter head = params.get("lm_head.weight");
        final int rows = sl.batch * sl.seq, E = config.dim(), V = config.vocabSize();
        ensureHeadScratch(rows);
        be.gemm(false, false, rows, E, V, sl.dLogits, head.value(), dNormed, false);
        be.gemm(true, false, V, E, rows, sl.dLogits, sl.normed, head.grad(), true);
        be.rmsNormBackward(sl.finalIn, norm.value(), sl.rstd, dNormed, dFinal, norm.grad(), false);
        return backwardBlocks(sl, dFinal);
    }

    /** Non-last stages, slot 0: backward from the gradient of this stage's output. Returns d/d input. */
    public Tensor backward(final Tensor dOut)
    {
        return backward(0, dOut);
    }

    /** Non-last stages: backward from the gradient of this stage's output for the sample in {@code slot}. */
    public Tensor backward(final int slot, final Tensor dOut)
    {
        if (isLast())
        {
            throw new IllegalStateException("the last stage starts from its loss");
        }
        return backwardBlocks(slots[slot], dOut);
    }

    private Tensor runBlocks(final Slot sl, final Tensor input)
    {
        Tensor x = input;
        for (int i = 0; i < blocks.size(); i++)
        {
            x = blocks.get(i).forward(x, sl.batch, sl.seq, sl.caches[i]);
        }
        if (!isLast())
        {
            return x;
        }
        sl.finalIn = x;
        final int rows = sl.batch * sl.seq;
        be.rmsNorm(x, params.get("norm.weight").value(), config.normEps(), sl.normed, sl.rstd);
        be.gemm(false, true, rows, config.vocabSize(), config.dim(), sl.normed, params.get("lm_head.weight").value(),
            sl.logits, false);
        return sl.logits;
    }

    private Tensor backwardBlocks(final Slot sl, final Tensor dOut)
    {
        Tensor g = dOut;
        for (int i = blocks.size() - 1; i >= 0; i--)
        {
            g = blocks.get(i).backward(g, sl.caches[i]);
        }
        if (isFirst())
        {
            be.embeddingBackward(sl.tokens, g, params.get("tok_emb.weight").grad());
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

    private Slot prepare(final int slot, final int batch, final int seq)
    {
        if (slot < 0 || slot >= slots.length)
        {
            throw new IllegalArgumentException("slot " + slot + " outside [0, " + slots.length + ")");
        }
        final Slot sl = slots[slot];
        if (batch == sl.batch && seq == sl.seq)
        {
            return sl;
        }
        sl.batch = batch;
        sl.seq = seq;
        final int rows = batch * seq, E = config.dim();
        sl.embedded = isFirst() ? be.allocate(rows, E) : null;
        if (isLast())
        {
            sl.normed = be.allocate(rows, E);
            sl.rstd = be.allocate(rows);
            sl.logits = be.allocate(rows, config.vocabSize());
            sl.dLogits = be.allocate(rows, config.vocabSize());
        }
        return sl;
    }

    private void ensureHeadScratch(final int rows)
    {
        if (dNormed == null || dNormed.size() != rows * config.dim())
        {
            dNormed = be.allocate(rows, config.dim());
            dFinal = be.allocate(rows, config.dim());
        }
    }
}
