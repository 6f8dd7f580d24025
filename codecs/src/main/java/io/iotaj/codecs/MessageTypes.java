package io.iotaj.codecs;

import io.iotaj.codecs.sbe.ActivationDecoder;
import io.iotaj.codecs.sbe.AssignDecoder;
import io.iotaj.codecs.sbe.CiphertextDecoder;
import io.iotaj.codecs.sbe.DispatchDecoder;
import io.iotaj.codecs.sbe.EvictDecoder;
import io.iotaj.codecs.sbe.EvidenceDecoder;
import io.iotaj.codecs.sbe.GradientDecoder;
import io.iotaj.codecs.sbe.HeartbeatDecoder;
import io.iotaj.codecs.sbe.JoinDecoder;
import io.iotaj.codecs.sbe.LossReportDecoder;
import io.iotaj.codecs.sbe.ParamChunkDecoder;
import io.iotaj.codecs.sbe.PhaseDecoder;
import io.iotaj.codecs.sbe.ScoresDecoder;
import io.iotaj.codecs.sbe.SignedEnvelopeDecoder;
import io.iotaj.codecs.sbe.ValidationRequestDecoder;
import io.iotaj.codecs.sbe.ValidationResultDecoder;

/** Schema message names by template id, for summaries and diagnostics. */
public final class MessageTypes
{
    private MessageTypes()
    {
    }

    /** The schema's name for a template id, or "template N" when the schema has none. */
    public static String name(final int templateId)
    {
        switch (templateId)
        {
            case ActivationDecoder.TEMPLATE_ID: return "Activation";
            case GradientDecoder.TEMPLATE_ID: return "Gradient";
            case ParamChunkDecoder.TEMPLATE_ID: return "ParamChunk";
            case JoinDecoder.TEMPLATE_ID: return "Join";
            case AssignDecoder.TEMPLATE_ID: return "Assign";
            case HeartbeatDecoder.TEMPLATE_ID: return "Heartbeat";
            case PhaseDecoder.TEMPLATE_ID: return "Phase";
            case DispatchDecoder.TEMPLATE_ID: return "Dispatch";
            case EvictDecoder.TEMPLATE_ID: return "Evict";
            case EvidenceDecoder.TEMPLATE_ID: return "Evidence";
            case LossReportDecoder.TEMPLATE_ID: return "LossReport";
            case ValidationRequestDecoder.TEMPLATE_ID: return "ValidationRequest";
            case ValidationResultDecoder.TEMPLATE_ID: return "ValidationResult";
            case ScoresDecoder.TEMPLATE_ID: return "Scores";
            case CiphertextDecoder.TEMPLATE_ID: return "Ciphertext";
            case SignedEnvelopeDecoder.TEMPLATE_ID: return "SignedEnvelope";
            default: return "template " + templateId;
        }
    }
}
