package io.iotaj.kernels;

/**
 * Shapes of causal grouped-query attention: q is [batch, seq, heads, headDim], k and v are
 * [batch, seq, kvHeads, headDim]; query head h reads kv head h / (heads / kvHeads).
 */
public record AttentionShape(int batch, int seq, int heads, int kvHeads, int headDim)
{
    public AttentionShape
    {
        if (batch <= 0 || seq <= 0 || heads <= 0 || kvHeads <= 0 || headDim <= 0 || heads % kvHeads != 0)
        {
            throw new IllegalArgumentException("bad attention shape: batch=" + batch + " seq=" + seq +
                " heads=" + heads + " kvHeads=" + kvHeads + " headDim=" + headDim);
        }
    }

    public int groupSize()
    {
        return heads / kvHeads;
    }

    public float scale()
    {
        return (float)(1.0 / Math.sqrt(headDim));
    }
}
