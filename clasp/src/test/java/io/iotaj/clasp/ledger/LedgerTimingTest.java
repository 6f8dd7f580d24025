package io.iotaj.clasp.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Prints append and stream rates of the Chronicle ledger against the in-memory one measured in the same run
 * (the baseline: the same records into growable arrays). Asserts only that every record came back.
 */
class LedgerTimingTest
{
    private static final int RECORDS = 200_000;

    @TempDir
    Path dir;

    @Test
    void printsAppendAndStreamRates()
    {
        final double[] memory = measure(new InMemoryPathwayLedger(4));
        final double[] chronicle = measure(new ChroniclePathwayLedger(dir, 4));
        System.out.printf("ledger %d records x 4 stages: append %.2f M/s (in-memory %.2f M/s, ratio %.2f); " +
            "stream %.2f M/s (in-memory %.2f M/s, ratio %.2f)%n", RECORDS,
            chronicle[0], memory[0], chronicle[0] / memory[0], chronicle[1], memory[1], chronicle[1] / memory[1]);
    }

    /** @return {append, stream} in million records per second, best of three passes over fresh records. */
    private static double[] measure(final PathwayLedger ledger)
    {
        final double[] best = new double[2];
        final int[] pathway = new int[4];
        final long[] seen = new long[1];
        try (ledger)
        {
            for (int pass = 0; pass < 3; pass++)
            {
                final long base = (long)pass * RECORDS;
                final long start = System.nanoTime();
                for (int i = 0; i < RECORDS; i++)
                {
                    pathway[0] = i & 7;
                    pathway[1] = 8 + (i >> 3 & 7);
                    pathway[2] = 16 + (i >> 6 & 7);
                    pathway[3] = 24 + (i >> 9 & 7);
                    ledger.append(base + i, (base + i) / 16, pathway, 3.0 + (i & 15) * 0.01);
                }
                final long appended = System.nanoTime();
                seen[0] = 0;
                long position = base;
                int got;
                while ((got = ledger.read(position, 4096, (sampleId, step, p, loss) -> seen[0]++)) > 0)
                {
                    position += got;
                }
                final long streamed = System.nanoTime();
                assertEquals(RECORDS, seen[0]);
                best[0] = Math.max(best[0], RECORDS * 1e3 / (appended - start));
                best[1] = Math.max(best[1], RECORDS * 1e3 / (streamed - appended));
            }
        }
        return best;
    }
}
