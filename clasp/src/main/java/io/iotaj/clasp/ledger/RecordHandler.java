package io.iotaj.clasp.ledger;

/** Receives ledger records in order. {@code pathway} is only valid during the call. */
@FunctionalInterface
public interface RecordHandler
{
    void onRecord(long sampleId, long step, int[] pathway, double loss);
}
