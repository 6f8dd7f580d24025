package io.iotaj.transport;

import io.aeron.CncFileDescriptor;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only view of a media driver's counters, from its {@code cnc.dat}, the way AeronStat reads them: works
 * on a driver in another process. IOTA-J's endpoint counters are the ones with a type id between
 * {@link EndpointCounters#MIN_TYPE_ID} and {@link EndpointCounters#MAX_TYPE_ID}.
 */
public final class CountersView implements AutoCloseable
{
    /** One counter at the time of a snapshot. */
    public static final class Row
    {
        private final int id;
        private final int typeId;
        private final String label;
        private final long value;

        Row(final int id, final int typeId, final String label, final long value)
        {
            this.id = id;
            this.typeId = typeId;
            this.label = label;
            this.value = value;
        }

        public int id()
        {
            return id;
        }

        public int typeId()
        {
            return typeId;
        }

        public String label()
        {
            return label;
        }

        public long value()
        {
            return value;
        }

        public boolean isIotaj()
        {
            return typeId >= EndpointCounters.MIN_TYPE_ID && typeId <= EndpointCounters.MAX_TYPE_ID;
        }
    }

    private final String dir;
    private final MappedByteBuffer cnc;
    private final CountersReader counters;
    private final long pid;

    private CountersView(final String dir, final MappedByteBuffer cnc, final CountersReader counters, final long pid)
    {
        this.dir = dir;
        this.cnc = cnc;
        this.counters = counters;
        this.pid = pid;
    }

    /** Maps the counters of the driver in {@code aeronDir}; a missing or foreign file is an IOException. */
    public static CountersView open(final String aeronDir) throws IOException
    {
        final File file = new File(aeronDir, CncFileDescriptor.CNC_FILE);
        if (!file.isFile())
        {
            throw new IOException("no Aeron driver at " + aeronDir + " (no " + CncFileDescriptor.CNC_FILE + ")");
        }
        final MappedByteBuffer cnc = IoUtil.mapExistingFile(file, "cnc");
        try
        {
            final UnsafeBuffer meta = CncFileDescriptor.createMetaDataBuffer(cnc);
            final int version = meta.getIntVolatile(CncFileDescriptor.cncVersionOffset(0));
            if (version == 0)
            {
                throw new IOException("Aeron driver at " + aeronDir + " is not ready");
            }
            CncFileDescriptor.checkVersion(version);
            final CountersReader counters = new CountersReader(
                CncFileDescriptor.createCountersMetaDataBuffer(cnc, meta),
                CncFileDescriptor.createCountersValuesBuffer(cnc, meta));
            return new CountersView(aeronDir, cnc, counters, CncFileDescriptor.pid(meta));
        }
        catch (final IOException ex)
        {
            IoUtil.unmap(cnc);
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            IoUtil.unmap(cnc);
            throw new IOException("cannot read Aeron counters at " + aeronDir + ": " + ex.getMessage(), ex);
        }
    }

    public String dir()
    {
        return dir;
    }

    /** Process id of the driver that owns the directory. */
    public long driverPid()
    {
        return pid;
    }

    /** Every allocated counter, or only IOTA-J's. */
    public List<Row> snapshot(final boolean iotajOnly)
    {
        final List<Row> rows = new ArrayList<>();
        counters.forEach((id, typeId, key, label) ->
        {
            final Row row = new Row(id, typeId, label, counters.getCounterValue(id));
            if (!iotajOnly || row.isIotaj())
            {
                rows.add(row);
            }
        });
        return rows;
    }

    @Override
    public void close()
    {
        IoUtil.unmap(cnc);
    }
}
