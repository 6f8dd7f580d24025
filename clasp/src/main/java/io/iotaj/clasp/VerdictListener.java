package io.iotaj.clasp;

/** Receives validators' verdicts on re-run samples of a miner's work. */
@FunctionalInterface
public interface VerdictListener
{
    /** @param passed false for a failed or missing re-run. */
    void onVerdict(int minerId, boolean passed);
}
