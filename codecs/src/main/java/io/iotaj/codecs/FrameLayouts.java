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
import io.iotaj.codecs.sbe.LostDecoder;
import io.iotaj.codecs.sbe.ParamChunkDecoder;
import io.iotaj.codecs.sbe.PhaseDecoder;
import io.iotaj.codecs.sbe.RunConfigDecoder;
import io.iotaj.codecs.sbe.ScoresDecoder;
import io.iotaj.codecs.sbe.SignedEnvelopeDecoder;
import io.iotaj.codecs.sbe.ValidationRequestDecoder;
import io.iotaj.codecs.sbe.ValidationResultDecoder;

/**
 * Layouts of every template in the schema, taken from the generated decoders' constants so they cannot drift
 * from the schema file.
 */
final class FrameLayouts
{
    /** Most stages a pathway may list; far beyond any real pipeline, far below what a hostile count could claim. */
    static final int MAX_PATHWAY = 1024;
    private static final int MAX_GROUP = 0xFFFF;
    private static final int[] NONE = {};

    private static final FrameLayout[] BY_TEMPLATE = new FrameLayout[SignedEnvelopeDecoder.TEMPLATE_ID + 1];

    static
    {
        add(new FrameLayout(ActivationDecoder.TEMPLATE_ID, ActivationDecoder.BLOCK_LENGTH,
            new int[]{ ActivationDecoder.PathwayDecoder.sbeBlockLength(),
                ActivationDecoder.RowScalesDecoder.sbeBlockLength() },
            new int[]{ MAX_PATHWAY, MAX_GROUP },
            new int[]{ ActivationDecoder.payloadHeaderLength() }, false));
        add(new FrameLayout(GradientDecoder.TEMPLATE_ID, GradientDecoder.BLOCK_LENGTH,
            new int[]{ GradientDecoder.PathwayDecoder.sbeBlockLength(),
                GradientDecoder.RowScalesDecoder.sbeBlockLength() },
            new int[]{ MAX_PATHWAY, MAX_GROUP },
            new int[]{ GradientDecoder.payloadHeaderLength() }, false));
        add(new FrameLayout(ParamChunkDecoder.TEMPLATE_ID, ParamChunkDecoder.BLOCK_LENGTH, NONE, NONE,
            new int[]{ ParamChunkDecoder.payloadHeaderLength() }, false));
        add(new FrameLayout(JoinDecoder.TEMPLATE_ID, JoinDecoder.BLOCK_LENGTH, NONE, NONE,
            new int[]{ JoinDecoder.endpointHeaderLength(), JoinDecoder.publicKeyHeaderLength() }, true));
        add(new FrameLayout(AssignDecoder.TEMPLATE_ID, AssignDecoder.BLOCK_LENGTH, NONE, NONE,
            new int[]{ AssignDecoder.endpointHeaderLength(), AssignDecoder.publicKeyHeaderLength() }, true));
        add(new FrameLayout(RunConfigDecoder.TEMPLATE_ID, RunConfigDecoder.BLOCK_LENGTH, NONE, NONE,
            new int[]{ RunConfigDecoder.publicKeyHeaderLength(), RunConfigDecoder.settingsHeaderLength() }, true));
        add(new FrameLayout(HeartbeatDecoder.TEMPLATE_ID, HeartbeatDecoder.BLOCK_LENGTH, NONE, NONE, NONE, true));
        add(new FrameLayout(PhaseDecoder.TEMPLATE_ID, PhaseDecoder.BLOCK_LENGTH, NONE, NONE, NONE, true));
        add(new FrameLayout(DispatchDecoder.TEMPLATE_ID, DispatchDecoder.BLOCK_LENGTH, NONE, NONE, NONE, true));
        add(new FrameLayout(LostDecoder.TEMPLATE_ID, LostDecoder.BLOCK_LENGTH, NONE, NONE, NONE, true));
        add(new FrameLayout(EvictDecoder.TEMPLATE_ID, EvictDecoder.BLOCK_LENGTH, NONE, NONE, NONE, true));
        add(new FrameLayout(EvidenceDecoder.TEMPLATE_ID, EvidenceDecoder.BLOCK_LENGTH, NONE, NONE,
            new int[]{ EvidenceDecoder.inputHeaderLength(), EvidenceDecoder.outputHeaderLength() }, true));
        add(new FrameLayout(LossReportDecoder.TEMPLATE_ID, LossReportDecoder.BLOCK_LENGTH,
            new int[]{ LossReportDecoder.PathwayDecoder.sbeBlockLength() }, new int[]{ MAX_PATHWAY }, NONE, true));
        add(new FrameLayout(ValidationRequestDecoder.TEMPLATE_ID, ValidationRequestDecoder.BLOCK_LENGTH,
            NONE, NONE, NONE, true));
        add(new FrameLayout(ValidationResultDecoder.TEMPLATE_ID, ValidationResultDecoder.BLOCK_LENGTH,
            NONE, NONE, NONE, true));
        add(new FrameLayout(ScoresDecoder.TEMPLATE_ID, ScoresDecoder.BLOCK_LENGTH,
            new int[]{ ScoresDecoder.EntriesDecoder.sbeBlockLength() }, new int[]{ MAX_GROUP }, NONE, true));
        add(new FrameLayout(CiphertextDecoder.TEMPLATE_ID, CiphertextDecoder.BLOCK_LENGTH, NONE, NONE,
            new int[]{ CiphertextDecoder.payloadHeaderLength() }, false));
        add(new FrameLayout(SignedEnvelopeDecoder.TEMPLATE_ID, SignedEnvelopeDecoder.BLOCK_LENGTH, NONE, NONE,
            new int[]{ SignedEnvelopeDecoder.bodyHeaderLength(), SignedEnvelopeDecoder.signatureHeaderLength() },
            false));

        // The validator checks both tensor messages through Activation's field offsets.
        if (GradientDecoder.BLOCK_LENGTH != ActivationDecoder.BLOCK_LENGTH ||
            GradientDecoder.seqLenEncodingOffset() != ActivationDecoder.seqLenEncodingOffset() ||
            GradientDecoder.widthEncodingOffset() != ActivationDecoder.widthEncodingOffset() ||
            GradientDecoder.dtypeEncodingOffset() != ActivationDecoder.dtypeEncodingOffset() ||
            GradientDecoder.payloadCrc32cEncodingOffset() != ActivationDecoder.payloadCrc32cEncodingOffset())
        {
            throw new IllegalStateException("schema: Gradient must keep Activation's layout");
        }
    }

    private FrameLayouts()
    {
    }

    private static void add(final FrameLayout layout)
    {
        BY_TEMPLATE[layout.templateId] = layout;
    }

    /** The layout for a template id from the wire, or null when the schema has no such template. */
    static FrameLayout forTemplate(final int templateId)
    {
        return templateId >= 0 && templateId < BY_TEMPLATE.length ? BY_TEMPLATE[templateId] : null;
    }

    static int maxGroups()
    {
        return 2;
    }

    static int maxVarFields()
    {
        return 2;
    }
}
