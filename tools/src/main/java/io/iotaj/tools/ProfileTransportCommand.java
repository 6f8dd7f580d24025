package io.iotaj.tools;

import io.aeron.CommonContext;
import io.iotaj.transport.CountersView;
import io.iotaj.transport.EndpointCounters;
import io.iotaj.transport.TransportConfiguration;
import org.agrona.collections.Int2ObjectHashMap;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code iotaj profile-transport}: a live view of a process's transport counters, refreshed every second, like
 * AeronStat: frames and bytes with their rates, back pressure, rejects by reason and latency percentiles.
 */
@Command(name = "profile-transport", mixinStandardHelpOptions = true,
    description = "Live view of the transport counters of a running IOTA-J process (refreshed every second).")
public final class ProfileTransportCommand implements Callable<Integer>
{
    static final class Target
    {
        @Option(names = "--pid", paramLabel = "P", description = "Process whose embedded media driver to watch.")
        Long pid;

        @Option(names = "--dir", paramLabel = "AERON_DIR", description = "Aeron directory of the driver to watch.")
        String dir;
    }

    @ArgGroup(exclusive = true)
    private Target target;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N refreshes (default: until interrupted).")
    private long count;

    @Option(names = "--once", description = "Print one refresh and exit (same as --count 1).")
    private boolean once;

    @Option(names = "--interval-ms", defaultValue = "1000", paramLabel = "MS", description = "Refresh period (default ${DEFAULT-VALUE}).")
    private long intervalMs;

    @Option(names = "--all", description = "Show Aeron's own counters and zero reject counters too.")
    private boolean all;

    @Mixin
    private VerboseOption verbose;

    private final Int2ObjectHashMap<long[]> previous = new Int2ObjectHashMap<>();

    @Override
    public Integer call() throws Exception
    {
        if (count < 0 || intervalMs <= 0)
        {
            throw new IllegalArgumentException("--count must be >= 0 and --interval-ms > 0");
        }
        final long refreshes = once ? 1 : count;
        final String dir = target == null ? CommonContext.getAeronDirectoryName() :
            target.pid != null ? TransportConfiguration.embeddedDirFor(target.pid) : target.dir;
        final PrintStream out = System.out;
        final boolean terminal = System.console() != null;
        try (CountersView view = CountersView.open(dir))
        {
            for (long i = 0; refreshes == 0 || i < refreshes; i++)
            {
                if (i > 0)
                {
                    Thread.sleep(intervalMs);
                }
                if (terminal)
                {
                    out.print("\u001b[H\u001b[2J");
                }
                print(out, view, view.snapshot(!all));
                out.flush();
            }
        }
        return 0;
    }

    private void print(final PrintStream out, final CountersView view, final List<CountersView.Row> rows)
    {
        final long nowNs = System.nanoTime();
        out.printf("%s  driver pid %d  %s  (%d counters)%n", Instant.now(), view.driverPid(), view.dir(), rows.size());
        out.printf("%6s  %18s  %12s  %s%n", "id", "value", "per second", "label");
        for (final CountersView.Row row : rows)
        {
            if (!all && row.typeId() == EndpointCounters.REJECTS_TYPE_ID && row.value() == 0)
            {
                continue;
            }
            final long[] last = previous.get(row.id());
            final boolean rated = row.typeId() == EndpointCounters.FRAMES_TYPE_ID ||
                row.typeId() == EndpointCounters.BYTES_TYPE_ID || !row.isIotaj();
            final String rate = last == null || !rated || nowNs == last[1] ? "" :
                String.format("%.1f", (row.value() - last[0]) * 1e9 / (nowNs - last[1]));
            out.printf("%6d  %,18d  %12s  %s%n", row.id(), row.value(), rate, row.label());
            previous.put(row.id(), new long[]{ row.value(), nowNs });
        }
        if (rows.isEmpty())
        {
            out.println("  (no IOTA-J endpoints yet; --all shows Aeron's own counters)");
        }
    }
}
