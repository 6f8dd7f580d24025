package io.iotaj.bench.wire;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Aeron, IPC or UDP, measured without validation (the NIO baseline does none either): a ping stream echoed
 * back on a pong stream for round trips, and a third stream for one-way throughput. Large frames go through
 * {@code offer} and are reassembled with a {@code FragmentAssembler} as in production.
 * <p>
 * The near end (this thread) sends pings and the stream and takes the pongs; the far end (the echo or sink
 * thread) does the rest. The ends may share one client and driver, or, as two hosts would, have one each;
 * an end whose driver has no thread runs its duty cycle on that end's thread.
 */
final class AeronBenchLink implements BenchLink
{
    private static final int PING_STREAM = 1001;
    private static final int PONG_STREAM = 1002;
    private static final int FLOW_STREAM = 1003;
    private static final int FRAGMENT_LIMIT = 64;

    private final String name;
    private final Supplier<IdleStrategy> idleStrategies;
    private final IntSupplier nearDuty;
    private final IntSupplier farDuty;
    private final ExclusivePublication ping;
    private final Subscription pingIn;
    private final ExclusivePublication pong;
    private final Subscription pongIn;
    private final ExclusivePublication flow;
    private final Subscription flowIn;
    private final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(TransportBench.MAX_FRAME_BYTES));

    /**
     * @param nearDuty one duty cycle of the near end's driver if it has no thread, else nothing (returns 0).
     * @param farDuty  the same for the far end; nothing when both ends share one driver, which only the near
     *                 thread may then run.
     */
    AeronBenchLink(
        final String name,
        final Aeron near,
        final Aeron far,
        final String pingChannel,
        final String pongChannel,
        final Supplier<IdleStrategy> idleStrategies,
        final IntSupplier nearDuty,
        final IntSupplier farDuty)
    {
        this.name = name;
        this.idleStrategies = idleStrategies;
        this.nearDuty = nearDuty;
        this.farDuty = farDuty;
        ping = near.addExclusivePublication(pingChannel, PING_STREAM);
        pingIn = far.addSubscription(pingChannel, PING_STREAM);
        pong = far.addExclusivePublication(pongChannel, PONG_STREAM);
        pongIn = near.addSubscription(pongChannel, PONG_STREAM);
        flow = near.addExclusivePublication(pingChannel, FLOW_STREAM);
        flowIn = far.addSubscription(pingChannel, FLOW_STREAM);
        awaitConnected(ping);
        awaitConnected(pong);
        awaitConnected(flow);
        for (int i = 0; i < frame.capacity(); i += 8)
        {
            frame.putLong(i, i * 0x9E3779B97F4A7C15L);
        }
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public Histogram roundTrips(final int frameBytes, final long warmupNs, final long durationNs)
        throws InterruptedException
    {
        final Histogram histogram = TransportBench.newHistogram();
        final Echo echo = new Echo(pingIn, pong, idleStrategies.get(), farDuty);
        final Thread echoThread = new Thread(echo, "aeron-echo");
        echoThread.start();
        try
        {
            final IdleStrategy idle = idleStrategies.get();
            final long[] pongs = new long[1];
            final FragmentAssembler onPong = new FragmentAssembler((buffer, offset, length, header) -> pongs[0]++);
            final long start = System.nanoTime();
            final long recordFrom = start + warmupNs;
            final long end = start + durationNs;
            long now = start;
            while (now < end)
            {
                final long expected = pongs[0] + 1;
                final long sentAt = System.nanoTime();
                offer(ping, frame, frameBytes, idle);
                idle.reset();
                while (pongs[0] < expected)
                {
                    idle.idle(nearDuty.getAsInt() + pongIn.poll(onPong, FRAGMENT_LIMIT));
                }
                now = System.nanoTime();
                if (sentAt >= recordFrom)
                {
                    histogram.recordValue(Math.min(now - sentAt, TransportBench.HIGHEST_NS));
                }
            }
        }
        finally
        {
            echo.running = false;
            echoThread.join();
        }
        return histogram;
    }

    @Override
    public double throughput(final int frameBytes, final long durationNs) throws InterruptedException
    {
        final Sink sink = new Sink(flowIn, idleStrategies.get(), farDuty);
        final IdleStrategy idle = idleStrategies.get();
        final Thread sinkThread = new Thread(sink, "aeron-sink");
        final long start = System.nanoTime();
        sinkThread.start();
        long sent = 0;
        final long end = start + durationNs;
        while (System.nanoTime() < end)
        {
            offer(flow, frame, frameBytes, idle);
            sent += frameBytes;
        }
        sink.expectedBytes = sent;
        while (sinkThread.isAlive())
        {
            idle.idle(nearDuty.getAsInt());
        }
        sinkThread.join();
        return TransportBench.megabytesPerSecond(sent, sink.lastReceiveNs - start);
    }

    private void offer(
        final ExclusivePublication publication,
        final DirectBuffer buffer,
        final int length,
        final IdleStrategy idle)
    {
        idle.reset();
        long result;
        while ((result = publication.offer(buffer, 0, length)) < 0)
        {
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("publication closed: " + publication.channel());
            }
            idle.idle(nearDuty.getAsInt());
        }
    }

    private void awaitConnected(final ExclusivePublication publication)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!publication.isConnected())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("no subscriber connected on " + publication.channel());
            }
            if (nearDuty.getAsInt() + farDuty.getAsInt() == 0)
            {
                Thread.yield();
            }
        }
    }

    /** Echoes every ping back on the pong publication. */
    private static final class Echo implements Runnable
    {
        private final Subscription pingIn;
        private final FragmentAssembler assembler;
        private final IdleStrategy idle;
        private final IntSupplier duty;
        volatile boolean running = true;

        Echo(final Subscription pingIn, final ExclusivePublication pong, final IdleStrategy idle, final IntSupplier duty)
        {
            this.pingIn = pingIn;
            this.idle = idle;
            this.duty = duty;
            this.assembler = new FragmentAssembler((buffer, offset, length, header) ->
            {
                idle.reset();
                long result;
                while ((result = pong.offer(buffer, offset, length)) < 0 && result != Publication.CLOSED)
                {
                    idle.idle(duty.getAsInt());
                }
            });
        }

        @Override
        public void run()
        {
            while (running)
            {
                idle.idle(duty.getAsInt() + pingIn.poll(assembler, FRAGMENT_LIMIT));
            }
        }
    }

    /** Counts reassembled bytes until it has everything the sender reports having sent. */
    private static final class Sink implements Runnable
    {
        private final Subscription in;
        private final FragmentAssembler assembler;
        private final IdleStrategy idle;
        private final IntSupplier duty;
        private long received;
        volatile long expectedBytes = Long.MAX_VALUE;
        volatile long lastReceiveNs;

        Sink(final Subscription in, final IdleStrategy idle, final IntSupplier duty)
        {
            this.in = in;
            this.idle = idle;
            this.duty = duty;
            this.assembler = new FragmentAssembler((buffer, offset, length, header) -> received += length);
        }

        @Override
        public void run()
        {
            while (received < expectedBytes)
            {
                idle.idle(duty.getAsInt() + in.poll(assembler, FRAGMENT_LIMIT));
            }
            lastReceiveNs = System.nanoTime();
        }
    }

    /** Closes this link's publications and subscriptions; the Aeron client belongs to the caller. */
    @Override
    public void close()
    {
        CloseHelper.closeAll(ping, pingIn, pong, pongIn, flow, flowIn);
    }
}
