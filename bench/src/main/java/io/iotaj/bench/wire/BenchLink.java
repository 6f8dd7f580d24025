package io.iotaj.bench.wire;

import org.HdrHistogram.Histogram;

/** Both ends of one transport inside this process, measured the same way for every transport. */
interface BenchLink extends AutoCloseable
{
    String name();

    /**
     * Sends a frame, waits for its echo, repeatedly for {@code durationNs}; the first {@code warmupNs} are not
     * recorded. Returns round-trip times in nanoseconds.
     */
    Histogram roundTrips(int frameBytes, long warmupNs, long durationNs) throws Exception;

    /** Streams frames one way for {@code durationNs}; returns received megabytes (10^6 bytes) per second. */
    double throughput(int frameBytes, long durationNs) throws Exception;

    @Override
    void close();
}
