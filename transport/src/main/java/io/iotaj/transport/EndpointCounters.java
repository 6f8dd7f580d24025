package io.iotaj.transport;

import io.aeron.Aeron;
import io.aeron.Counter;
import io.iotaj.codecs.RejectReason;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;

import java.util.concurrent.TimeUnit;

/**
 * Counters of one publisher or subscriber, allocated in the media driver's counters file so another process
 * ({@code iotaj profile-transport}) can watch them: frames and bytes; back-pressure and not-connected events
 * for a publisher; rejects by reason and handler errors for a subscriber; and latency percentiles copied out
 * of an in-process HdrHistogram about once a second. Single writer: the endpoint's own thread.
 */
public final class EndpointCounters implements AutoCloseable
{
    /** Type ids of IOTA-J counters, above Aeron's own. */
    public static final int FRAMES_TYPE_ID = 42_070;
    public static final int BYTES_TYPE_ID = 42_071;
    public static final int BACK_PRESSURE_TYPE_ID = 42_072;
    public static final int NOT_CONNECTED_TYPE_ID = 42_073;
    public static final int HANDLER_ERRORS_TYPE_ID = 42_074;
    public static final int REJECTS_TYPE_ID = 42_075;
    public static final int LATENCY_TYPE_ID = 42_076;
    public static final int MIN_TYPE_ID = FRAMES_TYPE_ID;
    public static final int MAX_TYPE_ID = LATENCY_TYPE_ID;

    private static final long HIGHEST_LATENCY_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long PUBLISH_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final double[] PERCENTILES = { 50.0, 99.0, 99.9, 100.0 };
    private static final String[] PERCENTILE_NAMES = { "p50", "p99", "p99.9", "max" };

    private final Counter frames;
    private final Counter bytes;
    private final Counter backPressure;
    private final Counter notConnected;
    private final Counter handlerErrors;
    private final Counter[] rejects = new Counter[RejectReason.count()];
    private final Counter[] latency = new Counter[PERCENTILES.length];
    private final Histogram histogram = new Histogram(HIGHEST_LATENCY_NS, 3);
    private long lastPublishNs;

    private EndpointCounters(final Aeron aeron, final boolean receiver, final String channel, final int streamId)
    {
        final String prefix = "iotaj " + (receiver ? "sub" : "pub") + " stream=" + streamId + " " + channel + ": ";
        frames = aeron.addCounter(FRAMES_TYPE_ID, prefix + "frames");
        bytes = aeron.addCounter(BYTES_TYPE_ID, prefix + "bytes");
        if (receiver)
        {
            backPressure = null;
            notConnected = null;
            handlerErrors = aeron.addCounter(HANDLER_ERRORS_TYPE_ID, prefix + "handler-errors");
            for (int i = 1; i < rejects.length; i++)
            {
                rejects[i] = aeron.addCounter(REJECTS_TYPE_ID, prefix + "rejects " + RejectReason.get(i).name());
            }
        }
        else
        {
            backPressure = aeron.addCounter(BACK_PRESSURE_TYPE_ID, prefix + "back-pressure");
            notConnected = aeron.addCounter(NOT_CONNECTED_TYPE_ID, prefix + "not-connected");
            handlerErrors = null;
        }
        for (int i = 0; i < latency.length; i++)
        {
            latency[i] = aeron.addCounter(LATENCY_TYPE_ID, prefix + "latency-ns " + PERCENTILE_NAMES[i]);
        }
    }

    /** Counters of a publisher: frames, bytes, back pressure, not connected, send latency. */
    public static EndpointCounters forPublisher(final Aeron aeron, final String channel, final int streamId)
    {
        return new EndpointCounters(aeron, false, channel, streamId);
    }

    /** Counters of a subscriber: frames, bytes, rejects by reason, handler errors, handling latency. */
    public static EndpointCounters forSubscriber(final Aeron aeron, final String channel, final int streamId)
    {
        return new EndpointCounters(aeron, true, channel, streamId);
    }

    public void onFrame(final int length)
    {
        frames.incrementRelease();
        bytes.getAndAddRelease(length);
    }

    public void onReject(final RejectReason reason)
    {
        rejects[reason.ordinal()].incrementRelease();
    }

    public void onBackPressure()
    {
        backPressure.incrementRelease();
    }

    public void onNotConnected()
    {
        notConnected.incrementRelease();
    }

    public void onHandlerError()
    {
        handlerErrors.incrementRelease();
    }

    /** Records one latency and, at most once a second, copies the percentiles into the shared counters. */
    public void onLatency(final long nowNs, final long latencyNs)
    {
        histogram.recordValue(Math.max(0, Math.min(latencyNs, HIGHEST_LATENCY_NS)));
        if (nowNs - lastPublishNs >= PUBLISH_INTERVAL_NS)
        {
            publishLatency();
            lastPublishNs = nowNs;
        }
    }

    public void publishLatency()
    {
        for (int i = 0; i < latency.length; i++)
        {
            latency[i].setRelease(histogram.getValueAtPercentile(PERCENTILES[i]));
        }
    }

    public long frames()
    {
        return frames.get();
    }

    public long bytes()
    {
        return bytes.get();
    }

    public long rejects(final RejectReason reason)
    {
        return valueOf(rejects[reason.ordinal()]);
    }

    public long totalRejects()
    {
        long total = 0;
        for (final Counter counter : rejects)
        {
            total += valueOf(counter);
        }
        return total;
    }

    public long backPressureEvents()
    {
        return valueOf(backPressure);
    }

    public long notConnectedEvents()
    {
        return valueOf(notConnected);
    }

    public long handlerErrors()
    {
        return valueOf(handlerErrors);
    }

    /** Zero for a counter this endpoint's role does not keep. */
    private static long valueOf(final Counter counter)
    {
        return counter == null ? 0 : counter.get();
    }

    /** The in-process histogram (endpoint thread only). */
    public Histogram histogram()
    {
        return histogram;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(frames, bytes, backPressure, notConnected, handlerErrors);
        CloseHelper.closeAll(rejects);
        CloseHelper.closeAll(latency);
    }
}
