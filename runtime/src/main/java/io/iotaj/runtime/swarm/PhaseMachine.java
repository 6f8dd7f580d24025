package io.iotaj.runtime.swarm;

/**
 * The orchestrator's phases: TRAIN until a configurable share of live miners has done a configurable
 * number of backward passes (or a timeout), then MERGE until every live miner reports its merge done
 * (or a timeout), then TRAIN again. Dead miners are not waited for: only live ones count.
 */
public final class PhaseMachine
{
    /** The swarm's phase. */
    public enum Phase
    {
        TRAIN, MERGE
    }

    private final double shareToMerge;
    private final int backwardsToMerge;
    private final long trainTimeoutNs;
    private final long mergeTimeoutNs;
    private Phase phase = Phase.TRAIN;
    private long phaseStartNs;
    private int round;

    public PhaseMachine(final double shareToMerge, final int backwardsToMerge, final long trainTimeoutNs,
        final long mergeTimeoutNs, final long nowNs)
    {
        if (!(shareToMerge > 0 && shareToMerge <= 1) || backwardsToMerge < 1)
        {
            throw new IllegalArgumentException("merge share must be in (0, 1] and backward count positive");
        }
        this.shareToMerge = shareToMerge;
        this.backwardsToMerge = backwardsToMerge;
        this.trainTimeoutNs = trainTimeoutNs;
        this.mergeTimeoutNs = mergeTimeoutNs;
        this.phaseStartNs = nowNs;
    }

    public Phase phase()
    {
        return phase;
    }

    /** Merge rounds started so far. */
    public int round()
    {
        return round;
    }

    /**
     * Advances the machine. {@code readyForMerge}: live miners with at least the backward count since the last
     * merge; {@code mergedThisRound}: live miners that finished the current merge. Returns true on a change.
     */
    public boolean update(final long nowNs, final int liveMiners, final int readyForMerge, final int mergedThisRound)
    {
        final long inPhase = nowNs - phaseStartNs;
        if (phase == Phase.TRAIN)
        {
            final boolean enough = liveMiners > 0 && readyForMerge >= Math.ceil(shareToMerge * liveMiners);
            if (enough || (inPhase >= trainTimeoutNs && readyForMerge > 0))
            {
                phase = Phase.MERGE;
                phaseStartNs = nowNs;
                round++;
                return true;
            }
            return false;
        }
        if (mergedThisRound >= liveMiners || inPhase >= mergeTimeoutNs)
        {
            phase = Phase.TRAIN;
            phaseStartNs = nowNs;
            return true;
        }
        return false;
    }

    public int backwardsToMerge()
    {
        return backwardsToMerge;
    }
}
