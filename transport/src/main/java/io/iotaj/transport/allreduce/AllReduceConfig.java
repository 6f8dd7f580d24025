package io.iotaj.transport.allreduce;

import java.util.concurrent.TimeUnit;

/**
 * Settings of the all-reduce; defaults come from system properties so an operator can change them
 * without a rebuild. Immutable; the {@code with...} methods return changed copies.
 */
public final class AllReduceConfig
{
    /** Deadline of each stage (scatter, publish, arbitration), counted from the merge's start. */
    public static final String STAGE_DEADLINE_MS_PROP = "iotaj.allreduce.stage.deadline.ms";
    /**
     * Relative tolerance when the two copies of a chunk are compared. Owners fold contributions in the
     * order they arrive, so two honest copies can differ in the last bit of an element now and then:
     * keep it above float32 rounding (1.2e-7).
     */
    public static final String TOLERANCE_PROP = "iotaj.allreduce.tolerance";
    /** Largest payload of one frame, in float32 elements. */
    public static final String FRAME_ELEMENTS_PROP = "iotaj.allreduce.frame.elements";
    /** Capacity in bytes of each in-process link's ring buffer (a power of two). */
    public static final String LINK_CAPACITY_PROP = "iotaj.allreduce.link.capacity";
    /** Emulated one-way latency of each in-process link, in microseconds. */
    public static final String LINK_LATENCY_US_PROP = "iotaj.allreduce.link.latency.us";

    private final long stageDeadlineNs;
    private final double tolerance;
    private final int frameElements;
    private final int linkCapacity;
    private final long linkLatencyNs;
    private final long runId;
    private final int stage;

    private AllReduceConfig(
        final long stageDeadlineNs,
        final double tolerance,
        final int frameElements,
        final int linkCapacity,
        final long linkLatencyNs,
        final long runId,
        final int stage)
    {
        if (stageDeadlineNs <= 0)
        {
            throw new IllegalArgumentException("stage deadline must be positive: " + stageDeadlineNs + " ns");
        }
        if (!(tolerance >= 0))
        {
            throw new IllegalArgumentException("tolerance must be >= 0: " + tolerance);
        }
        if (frameElements < 1)
        {
            throw new IllegalArgumentException("frame elements must be >= 1: " + frameElements);
        }
        if (Integer.bitCount(linkCapacity) != 1 || linkCapacity < 1024)
        {
            throw new IllegalArgumentException("link capacity must be a power of two >= 1024: " + linkCapacity);
        }
        // A ring buffer takes messages up to an eighth of its capacity; 8 bytes carry the delivery time.
        if (ChunkFraming.frameLength(frameElements) + 8 > linkCapacity / 8)
        {
            throw new IllegalArgumentException(
                "frames of " + frameElements + " elements do not fit links of " + linkCapacity + " bytes");
        }
        if (linkLatencyNs < 0)
        {
            throw new IllegalArgumentException("link latency must be >= 0: " + linkLatencyNs + " ns");
        }
        this.stageDeadlineNs = stageDeadlineNs;
        this.tolerance = tolerance;
        this.frameElements = frameElements;
        this.linkCapacity = linkCapacity;
        if (stage < 0 || stage > 0xFFFF)
        {
            throw new IllegalArgumentException("stage must be in 0..65535: " + stage);
        }
        this.linkLatencyNs = linkLatencyNs;
        this.runId = runId;
        this.stage = stage;
    }

    /** Defaults, overridden by the system properties above. */
    public static AllReduceConfig fromSystemProperties()
    {
        return new AllReduceConfig(
            TimeUnit.MILLISECONDS.toNanos(Long.getLong(STAGE_DEADLINE_MS_PROP, 5_000L)),
            Double.parseDouble(System.getProperty(TOLERANCE_PROP, "1e-6")),
            Integer.getInteger(FRAME_ELEMENTS_PROP, 4096),
            Integer.getInteger(LINK_CAPACITY_PROP, 256 * 1024),
            TimeUnit.MICROSECONDS.toNanos(Long.getLong(LINK_LATENCY_US_PROP, 0L)),
            0L,
            0);
    }

    public AllReduceConfig withStageDeadline(final long duration, final TimeUnit unit)
    {
        return new AllReduceConfig(unit.toNanos(duration), tolerance, frameElements, linkCapacity, linkLatencyNs, runId, stage);
    }

    public AllReduceConfig withTolerance(final double tolerance)
    {
        return new AllReduceConfig(stageDeadlineNs, tolerance, frameElements, linkCapacity, linkLatencyNs, runId, stage);
    }

    public AllReduceConfig withFrameElements(final int frameElements)
    {
        return new AllReduceConfig(stageDeadlineNs, tolerance, frameElements, linkCapacity, linkLatencyNs, runId, stage);
    }

    public AllReduceConfig withLinkCapacity(final int linkCapacity)
    {
        return new AllReduceConfig(stageDeadlineNs, tolerance, frameElements, linkCapacity, linkLatencyNs, runId, stage);
    }

    public AllReduceConfig withLinkLatency(final long latency, final TimeUnit unit)
    {
        return new AllReduceConfig(stageDeadlineNs, tolerance, frameElements, linkCapacity, unit.toNanos(latency), runId, stage);
    }

    /**
     * The merge group this configuration serves: frames carry the run and the pipeline stage, and
     * a peer drops frames of any other (0 and 0 by default).
     */
    public AllReduceConfig withGroup(final long runId, final int stage)
    {
        return new AllReduceConfig(stageDeadlineNs, tolerance, frameElements, linkCapacity, linkLatencyNs, runId, stage);
    }

    public long stageDeadlineNs()
    {
        return stageDeadlineNs;
    }

    public double tolerance()
    {
        return tolerance;
    }

    public int frameElements()
    {
        return frameElements;
    }

    public int linkCapacity()
    {
        return linkCapacity;
    }

    public long linkLatencyNs()
    {
        return linkLatencyNs;
    }

    public long runId()
    {
        return runId;
    }

    public int stage()
    {
        return stage;
    }
}
