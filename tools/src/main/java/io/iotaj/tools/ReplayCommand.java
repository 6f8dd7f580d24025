package io.iotaj.tools;

import io.aeron.ChannelUri;
import io.iotaj.transport.MediaDriverHost;
import io.iotaj.transport.PublishResult;
import io.iotaj.transport.journal.FrameJournalReader;
import io.iotaj.transport.journal.JournalDirection;
import io.iotaj.transport.journal.JournalEntryHandler;
import io.iotaj.transport.journal.JournalReplayer;
import io.iotaj.transport.journal.JournalSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code iotaj replay --journal DIR}: summarises a frame journal and optionally publishes it again. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Summarise a frame journal (frames by type, bytes, time span) and optionally re-send it.")
public final class ReplayCommand implements Callable<Integer>
{
    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "Chronicle Queue journal directory.")
    private Path journal;

    @Option(names = "--from", paramLabel = "T", description = "First time to include: ISO-8601 instant or epoch ms.")
    private String from;

    @Option(names = "--to", paramLabel = "T", description = "Last time to include: ISO-8601 instant or epoch ms.")
    private String to;

    @Option(names = "--direction", paramLabel = "D",
        description = "Only frames that went this way: ${COMPLETION-CANDIDATES} (default: all).")
    private JournalDirection direction;

    @Option(names = "--resend", paramLabel = "CHANNEL",
        description = "Publish the frames again on this Aeron channel, each on its recorded stream.")
    private String resend;

    @Option(names = "--rate", paramLabel = "R",
        description = "Frames per second when re-sending (default: the recorded pace).")
    private Double rate;

    @Option(names = "--connect-timeout-ms", defaultValue = "5000", paramLabel = "MS",
        description = "How long to wait for a subscriber per stream (default ${DEFAULT-VALUE}).")
    private long connectTimeoutMs;

    @Mixin
    private VerboseOption verbose;

    @Override
    public Integer call() throws Exception
    {
        final long fromNanos = TimeArgument.epochNanos(from, Long.MIN_VALUE);
        final long toNanos = TimeArgument.epochNanos(to, Long.MAX_VALUE);
        if (fromNanos > toNanos)
        {
            throw new IllegalArgumentException("--from is after --to");
        }
        if (rate != null && resend == null)
        {
            throw new IllegalArgumentException("--rate needs --resend");
        }
        if (resend != null)
        {
            ChannelUri.parse(resend);
        }

        try (FrameJournalReader reader = FrameJournalReader.open(journal))
        {
            final JournalSummary summary = new JournalSummary();
            reader.scan(fromNanos, toNanos, only(summary));
            System.out.print("journal " + journal + ": " + summary.format());
            if (reader.malformed() > 0)
            {
                System.out.println("  skipped " + reader.malformed() + " malformed entries");
            }
            if (resend != null)
            {
                resend(reader, fromNanos, toNanos);
            }
        }
        return 0;
    }

    private JournalEntryHandler only(final JournalEntryHandler handler)
    {
        return direction == null ? handler : (way, stream, nanos, frame, offset, length) ->
        {
            if (way == direction)
            {
                handler.onEntry(way, stream, nanos, frame, offset, length);
            }
        };
    }

    private void resend(final FrameJournalReader reader, final long fromNanos, final long toNanos) throws Exception
    {
        try (MediaDriverHost host = MediaDriverHost.launch();
            JournalReplayer replayer = new JournalReplayer(host.aeron(), resend, rate == null ? 0 : rate,
                connectTimeoutMs, TimeUnit.MILLISECONDS))
        {
            reader.scan(fromNanos, toNanos, only(replayer));
            final StringBuilder failures = new StringBuilder();
            for (final PublishResult result : PublishResult.values())
            {
                if (result != PublishResult.OK && replayer.failed(result) > 0)
                {
                    failures.append(", ").append(replayer.failed(result)).append(' ')
                        .append(result.name().toLowerCase());
                }
            }
            System.out.printf("resent %d frames to %s in %.1f ms (%d refused frames skipped%s)%n",
                replayer.sent(), resend, replayer.elapsedNs() / 1e6, replayer.skipped(), failures);
        }
    }
}
