package io.iotaj.bench.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/** One cell of {@code iotaj bench transport}: a transport and frame size, its throughput and round trips. */
public final class TransportResult
{
    private final String transport;
    private final int frameBytes;
    private final double mbPerSecond;
    private final double rttP50Us;
    private final double rttP99Us;
    private final double rttP999Us;

    public TransportResult(
        final String transport,
        final int frameBytes,
        final double mbPerSecond,
        final double rttP50Us,
        final double rttP99Us,
        final double rttP999Us)
    {
        this.transport = transport;
        this.frameBytes = frameBytes;
        this.mbPerSecond = mbPerSecond;
        this.rttP50Us = rttP50Us;
        this.rttP99Us = rttP99Us;
        this.rttP999Us = rttP999Us;
    }

    public String transport()
    {
        return transport;
    }

    public int frameBytes()
    {
        return frameBytes;
    }

    public double mbPerSecond()
    {
        return mbPerSecond;
    }

    public double rttP50Us()
    {
        return rttP50Us;
    }

    public double rttP99Us()
    {
        return rttP99Us;
    }

    public double rttP999Us()
    {
        return rttP999Us;
    }

    /** The fields in the order and names of the JSON shape. */
    public Map<String, Object> toJson()
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("transport", transport);
        json.put("frame_bytes", frameBytes);
        json.put("mb_per_s", round(mbPerSecond));
        json.put("rtt_p50_us", round(rttP50Us));
        json.put("rtt_p99_us", round(rttP99Us));
        json.put("rtt_p999_us", round(rttP999Us));
        return json;
    }

    private static double round(final double value)
    {
        return Math.round(value * 10.0) / 10.0;
    }
}
