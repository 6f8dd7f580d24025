package io.iotaj.codecs;

import io.iotaj.codecs.sbe.ActivationEncoder;
import io.iotaj.codecs.sbe.GradientEncoder;

/** The two tensor frames; they share one layout and differ only in template id. */
public enum TensorKind
{
    ACTIVATION(ActivationEncoder.TEMPLATE_ID),
    GRADIENT(GradientEncoder.TEMPLATE_ID);

    private final int templateId;

    TensorKind(final int templateId)
    {
        this.templateId = templateId;
    }

    public int templateId()
    {
        return templateId;
    }
}
