package io.iotaj.clasp.ledger;

/** A ledger held in memory, for simulation and tests; same contract as the persistent one. */
public final class InMemoryPathwayLedger implements PathwayLedger
{
    private final PathwayBatch records;
    private final RecordValidator validator;
    private final int[] scratch;

    public InMemoryPathwayLedger(final int stages)
    {
        records = new PathwayBatch(stages, 1024);
        validator = new RecordValidator(stages);
        scratch = new int[stages];
    }

    @Override
    public int stages()
    {
        return records.stages();
    }

    @Override
    public boolean append(final long sampleId, final long step, final int[] pathway, final double loss)
    {
        if (validator.check(step, pathway, pathway.length, loss) != null)
        {
            return false;
        }
        records.add(sampleId, step, pathway, loss);
        return true;
    }

    @Override
    public long size()
    {
        return records.size();
    }

    @Override
    public long rejected()
    {
        return validator.rejected();
    }

    @Override
    public int read(final long from, final int limit, final RecordHandler handler)
    {
        if (from < 0)
        {
            throw new IllegalArgumentException("negative position " + from);
        }
        final int end = (int)Math.min(records.size(), from + (long)Math.max(0, limit));
        int delivered = 0;
        for (int i = (int)Math.min(from, records.size()); i < end; i++)
        {
            records.pathway(i, scratch);
            handler.onRecord(records.sampleId(i), records.step(i), scratch, records.loss(i));
            delivered++;
        }
        return delivered;
    }

    @Override
    public void lastRecords(final int count, final PathwayBatch dest)
    {
        dest.requireStages(stages()).clear();
        for (int i = Math.max(0, records.size() - Math.max(0, count)); i < records.size(); i++)
        {
            dest.addFrom(records, i);
        }
    }

    @Override
    public void stepRange(final long fromStep, final long toStep, final PathwayBatch dest)
    {
        dest.requireStages(stages()).clear();
        for (int i = 0; i < records.size(); i++)
        {
            final long step = records.step(i);
            if (step >= fromStep && step < toStep)
            {
                dest.addFrom(records, i);
            }
        }
    }

    @Override
    public void close()
    {
    }
}
