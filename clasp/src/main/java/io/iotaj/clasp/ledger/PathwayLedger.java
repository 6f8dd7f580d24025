package io.iotaj.clasp.ledger;

/**
 * Append-only record of sampled pathways: (sample id, step, miner id per stage, loss). The tail stage
 * appends one record per finished sample; CLASP reads it back as a stream or as a window.
 * <p>
 * Invalid records (wrong stage count, negative ids or step, non-finite loss) are rejected, counted and
 * never stored; reading skips and counts stored records that fail the same checks.
 */
public interface PathwayLedger extends AutoCloseable
{
    int stages();

    /** @return true when stored, false when rejected (see {@link #rejected()}). */
    boolean append(long sampleId, long step, int[] pathway, double loss);

    /** Records stored so far. */
    long size();

    /** Records refused by {@link #append} or skipped on read because they were malformed. */
    long rejected();

    /**
     * Delivers the records at positions [from, from + limit) (0 = oldest) to the handler, skipping and
     * counting malformed ones.
     *
     * @return how many positions were consumed; the next position is {@code from + returned value}.
     */
    int read(long from, int limit, RecordHandler handler);

    /** Replaces the contents of {@code dest} with the last {@code count} records (fewer when there are fewer). */
    void lastRecords(int count, PathwayBatch dest);

    /** Replaces the contents of {@code dest} with the records whose step lies in [fromStep, toStep). */
    void stepRange(long fromStep, long toStep, PathwayBatch dest);

    @Override
    void close();
}
