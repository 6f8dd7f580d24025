package io.iotaj.clasp.credit;

import io.iotaj.clasp.ledger.PathwayBatch;

import java.util.Arrays;

/**
 * The miners seen in a batch, stage by stage, each given a column: stage 0's miners (sorted by id) first,
 * then stage 1's, and so on. Estimators index their per-miner arrays by column.
 */
public final class Roster
{
    private int stages;
    private int[] offsets = new int[2];
    private int[] minerIds = new int[16];

    /** Rebuilds from the miners that appear in {@code batch}: O(records * log(miners per stage)). */
    public Roster rebuild(final PathwayBatch batch)
    {
        stages = batch.stages();
        if (offsets.length < stages + 1)
        {
            offsets = new int[stages + 1];
        }
        int columns = 0;
        for (int s = 0; s < stages; s++)
        {
            offsets[s] = columns;
            int distinct = 0;
            for (int i = 0; i < batch.size(); i++)
            {
                // keep this stage's ids sorted in minerIds[columns, columns + distinct)
                final int id = batch.miner(i, s);
                final int found = Arrays.binarySearch(minerIds, columns, columns + distinct, id);
                if (found < 0)
                {
                    final int at = -found - 1;
                    if (columns + distinct == minerIds.length)
                    {
                        minerIds = Arrays.copyOf(minerIds, minerIds.length * 2);
                    }
                    System.arraycopy(minerIds, at, minerIds, at + 1, columns + distinct - at);
                    minerIds[at] = id;
                    distinct++;
                }
            }
            columns += distinct;
        }
        offsets[stages] = columns;
        return this;
    }

    public int stages()
    {
        return stages;
    }

    /** Total columns (miners over all stages). */
    public int size()
    {
        return offsets[stages];
    }

    public int firstColumn(final int stage)
    {
        return offsets[stage];
    }

    public int minersInStage(final int stage)
    {
        return offsets[stage + 1] - offsets[stage];
    }

    public int minerId(final int column)
    {
        return minerIds[column];
    }

    public int stageOf(final int column)
    {
        for (int s = 0; s < stages; s++)
        {
            if (column < offsets[s + 1])
            {
                return s;
            }
        }
        throw new IndexOutOfBoundsException("column " + column + " of " + size());
    }

    /** @return the column of {@code minerId} at {@code stage}, or -1 when it did not appear there. */
    public int column(final int stage, final int minerId)
    {
        final int found = Arrays.binarySearch(minerIds, offsets[stage], offsets[stage + 1], minerId);
        return found >= 0 ? found : -1;
    }
}
