package io.iotaj.runtime.model;

import java.util.ArrayList;
import java.util.List;

/** Every parameter's name and shape in the reference's canonical order, and which stage owns it. */
public final class ParamNames
{
    /** A parameter's safetensors key and shape. */
    public record Spec(String name, int[] shape)
    {
    }

    private ParamNames()
    {
    }

    public static List<Spec> all(final ModelConfig c)
    {
        final List<Spec> out = new ArrayList<>();
        for (int s = 0; s < c.stageCount(); s++)
        {
            out.addAll(ofStage(c, s));
        }
        return out;
    }

    /** Names owned by one stage, in canonical order. */
    public static List<Spec> ofStage(final ModelConfig c, final int stage)
    {
        final int E = c.dim(), F = c.ffnDim(), b = c.bottleneckDim(), V = c.vocabSize();
        final int q = c.nHeads() * c.headDim(), kv = c.nKvHeads() * c.headDim();
        final List<Spec> out = new ArrayList<>();
        if (c.isFirst(stage))
        {
            out.add(new Spec("tok_emb.weight", new int[]{V, E}));
        }
        for (int i = c.stageFrom(stage); i < c.stageTo(stage); i++)
        {
            final String p = "blocks." + i + ".";
            final ModelConfig.BlockKind kind = c.kind(i);
            if (kind == ModelConfig.BlockKind.RECEIVING)
            {
                out.add(new Spec(p + "decoder.weight", new int[]{E, b}));
            }
            out.add(new Spec(p + "attn_norm.weight", new int[]{E}));
            out.add(new Spec(p + "attn.wq.weight", new int[]{q, E}));
            out.add(new Spec(p + "attn.wk.weight", new int[]{kv, E}));
            out.add(new Spec(p + "attn.wv.weight", new int[]{kv, E}));
            out.add(new Spec(p + "attn.wo.weight", new int[]{E, q}));
            out.add(new Spec(p + "ffn_norm.weight", new int[]{E}));
            out.add(new Spec(p + "ffn.w1.weight", new int[]{F, E}));
            out.add(new Spec(p + "ffn.w2.weight", new int[]{F, E}));
            out.add(new Spec(p + "ffn.w3.weight", new int[]{E, F}));
            if (kind == ModelConfig.BlockKind.BOTTLENECK)
            {
                out.add(new Spec(p + "ffn.w4.weight", new int[]{b, E}));
            }
        }
        if (c.isLast(stage))
        {
            out.add(new Spec("norm.weight", new int[]{E}));
            out.add(new Spec("lm_head.weight", new int[]{V, E}));
        }
        return out;
    }
}
