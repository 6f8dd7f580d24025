package io.iotaj.kernels;

/** AdamW hyper-parameters; decay is decoupled and applies to every parameter, as the reference does. */
public record AdamWConfig(float lr, float beta1, float beta2, float eps, float weightDecay)
{
    public AdamWConfig
    {
        if (!(lr >= 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0) || !(weightDecay >= 0))
        {
            throw new IllegalArgumentException("bad AdamW settings: lr=" + lr + " beta1=" + beta1 + " beta2=" + beta2 +
                " eps=" + eps + " weight_decay=" + weightDecay);
        }
    }

    public AdamWConfig withLr(final float newLr)
    {
        return new AdamWConfig(newLr, beta1, beta2, eps, weightDecay);
    }
}
