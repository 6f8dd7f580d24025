package io.iotaj.clasp.ledger;

import io.iotaj.codecs.FrameValidator;
import io.iotaj.codecs.RejectCounts;
import io.iotaj.codecs.RejectReason;
import io.iotaj.codecs.sbe.LossReportDecoder;
import io.iotaj.codecs.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

/**
 * Feeds {@code LossReport} frames (as they arrive from the tail stage) into a pathway ledger. LossReport is a
 * control message: off the network it travels in a signed envelope, so pass this adapter the envelope's body
 * once the envelope verifier accepted it (or a frame read back from a local journal). Each frame is
 * validated whole before it is decoded; a bad frame, a frame of another template, a miner id outside
 * [0, 2^31) or a pathway of the wrong length is counted and dropped, never thrown. The frame carries no
 * training step, so the caller passes the step the orchestrator was in when the report arrived.
 * Not thread-safe, no allocation per frame: one per receiving agent.
 */
public final class LossReportAdapter
{
    private final PathwayLedger ledger;
    private final FrameValidator validator = new FrameValidator(true);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final LossReportDecoder report = new LossReportDecoder();
    private final RejectCounts rejectedFrames = new RejectCounts();
    private final int[] pathway;
    private long accepted;
    private long otherTemplates;
    private long badMinerIds;
    private long wrongStages;
    private long refusedByLedger;

    public LossReportAdapter(final PathwayLedger ledger)
    {
        this.ledger = ledger;
        this.pathway = new int[ledger.stages()];
    }

    /** @return true when the frame became a ledger record. */
    public boolean onFrame(final DirectBuffer buffer, final int offset, final int length, final long step)
    {
        if (rejectedFrames.record(validator.validate(buffer, offset, length)))
        {
            return false;
        }
        if (validator.templateId() != LossReportDecoder.TEMPLATE_ID)
        {
            otherTemplates++;
            return false;
        }
        report.wrapAndApplyHeader(buffer, offset, header);
        final long sampleId = report.sampleId();
        final double loss = report.loss();
        final LossReportDecoder.PathwayDecoder hops = report.pathway();
        if (hops.count() != pathway.length)
        {
            wrongStages++;
            return false;
        }
        int stage = 0;
        boolean idsInRange = true;
        while (hops.hasNext())
        {
            final long minerId = hops.next().minerId();
            idsInRange &= minerId >= 0 && minerId <= Integer.MAX_VALUE;
            pathway[stage++] = (int)minerId;
        }
        if (!idsInRange)
        {
            badMinerIds++;
            return false;
        }
        if (!ledger.append(sampleId, step, pathway, loss))
        {
            refusedByLedger++;
            return false;
        }
        accepted++;
        return true;
    }

    public long accepted()
    {
        return accepted;
    }

    /** Frames the validator refused, by reason. */
    public RejectCounts rejectedFrames()
    {
        return rejectedFrames;
    }

    /** Valid frames that were not loss reports. */
    public long otherTemplates()
    {
        return otherTemplates;
    }

    public long badMinerIds()
    {
        return badMinerIds;
    }

    public long wrongStages()
    {
        return wrongStages;
    }

    /** Decoded reports the ledger refused (negative step, negative or non-finite loss). */
    public long refusedByLedger()
    {
        return refusedByLedger;
    }

    /** Everything dropped, for one counter. */
    public long dropped()
    {
        return rejectedFrames.total() + otherTemplates + badMinerIds + wrongStages + refusedByLedger;
    }
}
