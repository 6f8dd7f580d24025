package io.iotaj.clasp;

import io.iotaj.clasp.ledger.PathwayLedger;
import io.iotaj.codecs.FrameValidator;
import io.iotaj.codecs.RejectCounts;
import io.iotaj.codecs.sbe.LossReportDecoder;
import io.iotaj.codecs.sbe.MessageHeaderDecoder;
import io.iotaj.codecs.sbe.ValidationResultDecoder;
import io.iotaj.codecs.sbe.Verdict;
import org.agrona.DirectBuffer;

/**
 * Feeds the frames CLASP consumes into it: {@code LossReport} (the tail's loss for a sample and its pathway)
 * into the pathway ledger, {@code ValidationResult} (a validator's verdict on a re-run sample) to a
 * {@link VerdictListener}, normally the {@link ClaspAccountant}. Both are control messages: off the network
 * they travel in signed envelopes, so pass the envelope's body once the envelope verifier accepted it (or a
 * frame read back from a local journal).
 * <p>
 * Each frame is validated whole before it is decoded; a bad frame, a frame of another template, a miner id
 * outside [0, 2^31), a pathway of the wrong length or a record the ledger refuses is counted and dropped,
 * never thrown. A LossReport carries no training step, so the caller passes the step the orchestrator was in
 * when the report arrived. Not thread-safe, no allocation per frame: one per receiving agent.
 */
public final class ClaspFrameAdapter
{
    private final PathwayLedger ledger;
    private final VerdictListener verdicts;
    private final FrameValidator validator = new FrameValidator(true);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final LossReportDecoder lossReport = new LossReportDecoder();
    private final ValidationResultDecoder validationResult = new ValidationResultDecoder();
    private final RejectCounts rejectedFrames = new RejectCounts();
    private final int[] pathway;
    private long accepted;
    private long otherTemplates;
    private long badMinerIds;
    private long wrongStages;
    private long refusedByLedger;

    public ClaspFrameAdapter(final PathwayLedger ledger, final VerdictListener verdicts)
    {
        this.ledger = ledger;
        this.verdicts = verdicts;
        this.pathway = new int[ledger.stages()];
    }

    /** @return true when the frame was taken in (a ledger record or a verdict). */
    public boolean onFrame(final DirectBuffer buffer, final int offset, final int length, final long step)
    {
        if (rejectedFrames.record(validator.validate(buffer, offset, length)))
        {
            return false;
        }
        final boolean taken;
        switch (validator.templateId())
        {
            case LossReportDecoder.TEMPLATE_ID:
                taken = onLossReport(buffer, offset, step);
                break;
            case ValidationResultDecoder.TEMPLATE_ID:
                taken = onValidationResult(buffer, offset);
                break;
            default:
                otherTemplates++;
                taken = false;
        }
        accepted += taken ? 1 : 0;
        return taken;
    }

    private boolean onLossReport(final DirectBuffer buffer, final int offset, final long step)
    {
        lossReport.wrapAndApplyHeader(buffer, offset, header);
        final long sampleId = lossReport.sampleId();
        final double loss = lossReport.loss();
        final LossReportDecoder.PathwayDecoder hops = lossReport.pathway();
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
            idsInRange &= inRange(minerId);
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
        return true;
    }

    private boolean onValidationResult(final DirectBuffer buffer, final int offset)
    {
        validationResult.wrapAndApplyHeader(buffer, offset, header);
        final long minerId = validationResult.minerId();
        if (!inRange(minerId))
        {
            badMinerIds++;
            return false;
        }
        verdicts.onVerdict((int)minerId, validationResult.verdict() == Verdict.PASS);
        return true;
    }

    private static boolean inRange(final long minerId)
    {
        return minerId >= 0 && minerId <= Integer.MAX_VALUE;
    }

    /** Frames taken in: ledger records plus verdicts. */
    public long accepted()
    {
        return accepted;
    }

    /** Frames the validator refused, by reason. */
    public RejectCounts rejectedFrames()
    {
        return rejectedFrames;
    }

    /** Valid frames of templates CLASP does not consume. */
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
