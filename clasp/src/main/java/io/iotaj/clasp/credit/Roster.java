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
    private int[] scratch = new int[64];

    /** Rebuilds from the miners that appear in {@code batch}. */
    public Roster rebuild(final PathwayBatch batch)
    {
        stages = batch.stages();
        if (offsets.length < stages + 1)
        {
            offsets = new int[stages + 1];
        }
        if (scratch.length < batch.size())
        {
            scratch = new int[Math.max(batch.size(), scratch.length * 2)];
        }
        int columns = 0;
        for (int s = 0; s < stages; s++)
        {
            offsets[s] = columns;
            for (int i = 0; i < batch.size(); i++)
            {
                scratch[i] = batch.miner(i, s);
            }
            Arrays.sort(scratch, 0, batch.size());
            for (int i = 0; i < batch.size(); i++)
            {
                if (i == 0 || scratch[i] != scratch[i - 1])
                {
                    if (columns == minerIds.length)
                    {
                        minerIds = Arrays.copyOf(minerIds, columns * 2);
                    }
                    minerIds[columns++] = scratch[i];
                }
            }
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
