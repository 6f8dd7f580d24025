package io.iotaj.clasp;

import io.iotaj.clasp.ledger.InMemoryPathwayLedger;
import io.iotaj.clasp.ledger.PathwayBatch;
import io.iotaj.codecs.RejectReason;
import io.iotaj.codecs.sbe.LossReportEncoder;
import io.iotaj.codecs.sbe.MessageHeaderEncoder;
import io.iotaj.codecs.sbe.ScoresEncoder;
import io.iotaj.codecs.sbe.ValidationResultEncoder;
import io.iotaj.codecs.sbe.Verdict;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaspFrameAdapterTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(512));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    @Test
    void appendsValidReportsAndCountsEveryKindOfBadFrame()
    {
        final InMemoryPathwayLedger ledger = new InMemoryPathwayLedger(3);
        final List<String> verdicts = new ArrayList<>();
        final ClaspFrameAdapter adapter = new ClaspFrameAdapter(ledger, (id, passed) -> verdicts.add(id + ":" + passed));

        assertTrue(adapter.onFrame(buffer, 8, lossReport(8, 42, 2.5f, 1, 12, 23), 7));
        final PathwayBatch batch = new PathwayBatch(3, 4);
        ledger.lastRecords(1, batch);
        assertEquals(42, batch.sampleId(0));
        assertEquals(7, batch.step(0));
        assertEquals(2.5, batch.loss(0));
        assertEquals(12, batch.miner(0, 1));

        final int length = lossReport(0, 43, 2.0f, 1, 12, 23);
        assertFalse(adapter.onFrame(buffer, 0, length - 3, 7), "truncated");
        assertFalse(adapter.onFrame(buffer, 0, lossReport(0, 44, Float.NaN, 1, 12, 23), 7), "NaN loss");
        assertFalse(adapter.onFrame(buffer, 0, lossReport(0, 45, 2.0f, 1, 12), 7), "two stages of three");
        assertFalse(adapter.onFrame(buffer, 0, lossReport(0, 46, 2.0f, 1, 1L << 40, 23), 7), "huge miner id");
        assertFalse(adapter.onFrame(buffer, 0, lossReport(0, 47, -1.0f, 1, 12, 23), 7), "negative loss");
        assertFalse(adapter.onFrame(buffer, 0, lossReport(0, 48, 2.0f, 1, 12, 23), -1), "negative step");
        assertFalse(adapter.onFrame(buffer, 0, scores(0), 7), "another template");
        assertTrue(adapter.onFrame(buffer, 0, validation(0, 12, Verdict.FAIL), 7));
        assertTrue(adapter.onFrame(buffer, 0, validation(0, 23, Verdict.PASS), 7));
        assertTrue(adapter.onFrame(buffer, 0, validation(0, 1, Verdict.MISSING), 7));
        assertFalse(adapter.onFrame(buffer, 0, validation(0, -5, Verdict.PASS), 7), "negative miner id");
        assertEquals(List.of("12:false", "23:true", "1:false"), verdicts);

        final int wrongVersion = lossReport(0, 49, 2.0f, 1, 12, 23);
        buffer.putShort(6, (short)99);
        assertFalse(adapter.onFrame(buffer, 0, wrongVersion, 7), "unknown schema version");

        assertEquals(4, adapter.accepted());
        assertEquals(1, ledger.size());
        assertEquals(1, adapter.wrongStages());
        assertEquals(2, adapter.badMinerIds());
        assertEquals(2, adapter.refusedByLedger());
        assertEquals(1, adapter.otherTemplates());
        assertEquals(1, adapter.rejectedFrames().get(RejectReason.NON_FINITE));
        assertEquals(1, adapter.rejectedFrames().get(RejectReason.WRONG_VERSION));
        assertEquals(3, adapter.rejectedFrames().total());
        assertEquals(adapter.rejectedFrames().total() + 6, adapter.dropped());
    }

    private int lossReport(final int offset, final long sampleId, final float loss, final long... miners)
    {
        final LossReportEncoder encoder = new LossReportEncoder().wrapAndApplyHeader(buffer, offset, header);
        encoder.runId(1).sampleId(sampleId).loss(loss);
        final LossReportEncoder.PathwayEncoder hops = encoder.pathwayCount(miners.length);
        for (final long id : miners)
        {
            hops.next().minerId(id);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int validation(final int offset, final long minerId, final Verdict verdict)
    {
        final ValidationResultEncoder encoder = new ValidationResultEncoder().wrapAndApplyHeader(buffer, offset, header);
        encoder.requestId(1).validatorId(900).minerId(minerId).verdict(verdict).maxAbsError(0.01f).score(1.0);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int scores(final int offset)
    {
        final ScoresEncoder encoder = new ScoresEncoder().wrapAndApplyHeader(buffer, offset, header);
        encoder.runId(1).epoch(2).entriesCount(1).next().minerId(3).score(0.5);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }
}
