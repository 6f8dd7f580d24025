package io.iotaj.clasp.ledger;

/**
 * The one place that decides whether a record may enter a ledger: right number of stages, miner ids
 * non-negative, a finite non-negative loss, a non-negative step. Counts what it rejects.
 */
public final class RecordValidator
{
    private final int stages;
    private long rejected;
    private String lastReason = "";

    public RecordValidator(final int stages)
    {
        this.stages = stages;
    }

    /** @return null when the record is valid, else a one-line reason (and the rejection is counted). */
    public String check(final long step, final int[] pathway, final int pathwayLength, final double loss)
    {
        final String reason = reason(step, pathway, pathwayLength, loss);
        if (reason != null)
        {
            rejected++;
            lastReason = reason;
        }
        return reason;
    }

    public long rejected()
    {
        return rejected;
    }

    /** The reason for the latest rejection, empty when none. */
    public String lastReason()
    {
        return lastReason;
    }

    private String reason(final long step, final int[] pathway, final int pathwayLength, final double loss)
    {
        if (pathwayLength != stages)
        {
            return "pathway has " + pathwayLength + " stages, ledger has " + stages;
        }
        if (step < 0)
        {
            return "negative step " + step;
        }
        if (!Double.isFinite(loss) || loss < 0)
        {
            return "loss " + loss + " is not a finite non-negative number";
        }
        for (int s = 0; s < stages; s++)
        {
            if (pathway[s] < 0)
            {
                return "negative miner id " + pathway[s] + " at stage " + s;
            }
        }
        return null;
    }
}
