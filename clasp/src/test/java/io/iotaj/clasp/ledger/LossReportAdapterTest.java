package io.iotaj.clasp.ledger;

import io.iotaj.codecs.RejectReason;
import io.iotaj.codecs.sbe.LossReportEncoder;
import io.iotaj.codecs.sbe.MessageHeaderEncoder;
import io.iotaj.codecs.sbe.ScoresEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LossReportAdapterTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(512));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    @Test
    void appendsValidReportsAndCountsEveryKindOfBadFrame()
    {
        final InMemoryPathwayLedger ledger = new InMemoryPathwayLedger(3);
        final LossReportAdapter adapter = new LossReportAdapter(ledger);

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
        final int wrongVersion = lossReport(0, 49, 2.0f, 1, 12, 23);
        buffer.putShort(6, (short)99);
        assertFalse(adapter.onFrame(buffer, 0, wrongVersion, 7), "unknown schema version");

        assertEquals(1, adapter.accepted());
        assertEquals(1, ledger.size());
        assertEquals(1, adapter.wrongStages());
        assertEquals(1, adapter.badMinerIds());
        assertEquals(2, adapter.refusedByLedger());
        assertEquals(1, adapter.otherTemplates());
        assertEquals(1, adapter.rejectedFrames().get(RejectReason.NON_FINITE));
        assertEquals(1, adapter.rejectedFrames().get(RejectReason.WRONG_VERSION));
        assertEquals(3, adapter.rejectedFrames().total());
        assertEquals(adapter.rejectedFrames().total() + 5, adapter.dropped());
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

    private int scores(final int offset)
    {
        final ScoresEncoder encoder = new ScoresEncoder().wrapAndApplyHeader(buffer, offset, header);
        encoder.runId(1).epoch(2).entriesCount(1).next().minerId(3).score(0.5);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }
}
