package io.iotaj.clasp.ledger;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PathwayLedgerTest
{
    @TempDir
    Path dir;

    @Test
    void inMemoryLedgerFollowsTheContract()
    {
        try (PathwayLedger ledger = new InMemoryPathwayLedger(3))
        {
            checkContract(ledger);
        }
    }

    @Test
    void chronicleLedgerFollowsTheContract()
    {
        try (PathwayLedger ledger = new ChroniclePathwayLedger(dir.resolve("ledger"), 3))
        {
            checkContract(ledger);
        }
    }

    @Test
    void stagesAreReadFromAnExistingLedgerWithoutCreatingOne() throws Exception
    {
        assertEquals(-1, ChroniclePathwayLedger.stagesOf(dir.resolve("absent")));
        java.nio.file.Files.createDirectories(dir.resolve("empty"));
        assertEquals(-1, ChroniclePathwayLedger.stagesOf(dir.resolve("empty")));
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir.resolve("empty")))
        {
            assertEquals(0, files.count());
        }
        try (PathwayLedger ledger = new ChroniclePathwayLedger(dir.resolve("five"), 5))
        {
            ledger.append(1, 0, new int[] {1, 2, 3, 4, 5}, 1.0);
        }
        assertEquals(5, ChroniclePathwayLedger.stagesOf(dir.resolve("five")));
    }

    @Test
    void chronicleLedgerPersistsAcrossReopen()
    {
        try (PathwayLedger ledger = new ChroniclePathwayLedger(dir, 2))
        {
            for (int i = 0; i < 10; i++)
            {
                assertTrue(ledger.append(i, i / 2, new int[] {i % 3, 10 + i % 4}, 1.0 + i));
            }
        }
        try (PathwayLedger ledger = new ChroniclePathwayLedger(dir, 2))
        {
            assertEquals(10, ledger.size());
            assertTrue(ledger.append(10, 5, new int[] {1, 11}, 11.0));
            final PathwayBatch batch = new PathwayBatch(2, 4);
            ledger.lastRecords(3, batch);
            assertEquals(3, batch.size());
            assertEquals(8, batch.sampleId(0));
            assertEquals(10, batch.sampleId(2));
            assertEquals(11.0, batch.loss(2));
        }
    }

    @Test
    void chronicleLedgerSkipsAndCountsMalformedExcerpts()
    {
        try (PathwayLedger ledger = new ChroniclePathwayLedger(dir, 2))
        {
            ledger.append(0, 0, new int[] {1, 2}, 3.0);
        }
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(dir).build();
            ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().writeInt(0xBAD);
            }
            try (DocumentContext dc = appender.writingDocument())
            {
                // right magic, wrong stage count and length
                dc.wire().bytes().writeInt(ChroniclePathwayLedger.MAGIC).writeLong(1).writeLong(0).writeInt(7);
            }
        }
        try (PathwayLedger ledger = new ChroniclePathwayLedger(dir, 2))
        {
            ledger.append(3, 1, new int[] {4, 5}, 6.0);
            final List<Long> seen = new ArrayList<>();
            assertEquals(4, ledger.read(0, 100, (sampleId, step, pathway, loss) -> seen.add(sampleId)));
            assertEquals(List.of(0L, 3L), seen);
            assertEquals(2, ledger.rejected());
        }
    }

    @Test
    void batchDropsItsOldestRecordsInOrder()
    {
        final PathwayBatch batch = new PathwayBatch(2, 1);
        for (int i = 0; i < 40; i++)
        {
            batch.add(i, i, new int[] {i, 100 + i}, i);
        }
        batch.dropOldest(35);
        assertEquals(5, batch.size());
        assertEquals(35, batch.sampleId(0));
        assertEquals(139, batch.miner(4, 1));
        batch.dropOldest(-1);
        assertEquals(5, batch.size());
        batch.dropOldest(99);
        assertEquals(0, batch.size());
    }

    private static void checkContract(final PathwayLedger ledger)
    {
        assertEquals(3, ledger.stages());
        for (int i = 0; i < 100; i++)
        {
            assertTrue(ledger.append(1000 + i, i / 10, new int[] {i % 4, 4 + i % 5, 9 + i % 2}, 0.5 * i));
        }
        assertFalse(ledger.append(1, 1, new int[] {1, 2}, 1.0), "wrong stage count");
        assertFalse(ledger.append(1, 1, new int[] {1, -2, 3}, 1.0), "negative miner");
        assertFalse(ledger.append(1, 1, new int[] {1, 2, 3}, Double.NaN), "NaN loss");
        assertFalse(ledger.append(1, -1, new int[] {1, 2, 3}, 1.0), "negative step");
        assertEquals(100, ledger.size());
        assertEquals(4, ledger.rejected());

        // stream in chunks, then a seek backwards
        final List<Long> ids = new ArrayList<>();
        final RecordHandler collect = (sampleId, step, pathway, loss) ->
        {
            assertArrayEquals(new int[] {(int)(sampleId - 1000) % 4, 4 + (int)(sampleId - 1000) % 5,
                9 + (int)(sampleId - 1000) % 2}, pathway);
            assertEquals(0.5 * (sampleId - 1000), loss);
            ids.add(sampleId);
        };
        long position = 0;
        int got;
        while ((got = ledger.read(position, 30, collect)) > 0)
        {
            position += got;
        }
        assertEquals(100, position);
        assertEquals(100, ids.size());
        assertEquals(1099L, ids.get(99));
        ids.clear();
        assertEquals(5, ledger.read(40, 5, collect));
        assertEquals(List.of(1040L, 1041L, 1042L, 1043L, 1044L), ids);
        assertEquals(0, ledger.read(100, 5, collect));

        final PathwayBatch batch = new PathwayBatch(3, 8);
        ledger.lastRecords(25, batch);
        assertEquals(25, batch.size());
        assertEquals(1075, batch.sampleId(0));
        assertEquals(1099, batch.sampleId(24));
        assertEquals(9, batch.step(24));
        ledger.lastRecords(500, batch);
        assertEquals(100, batch.size());

        ledger.stepRange(3, 5, batch);
        assertEquals(20, batch.size());
        assertEquals(1030, batch.sampleId(0));
        assertEquals(4, batch.step(19));
        assertEquals(1 + 30 % 5 + 3, batch.miner(0, 1));

        assertThrows(IllegalArgumentException.class, () -> ledger.lastRecords(1, new PathwayBatch(2, 1)));
    }
}
