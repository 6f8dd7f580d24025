package io.iotaj.transport.allreduce;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;

/**
 * What every all-reduce peer agent shares, whatever its algorithm: the hand-off of merge requests
 * from the controller thread, the merge's identity (run, stage, round), its clock, the frame reader
 * and sender, the report and the result vector, and the duty cycle: start a requested round, poll the
 * links, run the algorithm's program. Subclasses say how a round starts, how far their program
 * gets, and what a frame means to them.
 */
abstract class MergeAgent implements MergePeer, FrameHandler
{
    /** Frames taken from the links per duty cycle, at most. */
    static final int POLL_LIMIT = 64;

    final ChunkExchange exchange;
    final NanoClock clock;
    final long runId;
    final int stage;
    final long deadlineNs;
    final int self;
    final ChunkReader reader = new ChunkReader();
    final MergeReport report = new MergeReport(reader.rejects());
    final ChunkSender chunkSender;
    final float[] result;

    private final String role;
    private final RoundHandoff handoff;

    /** The round under way, or the last one completed. */
    int round;
    /** This round's local vector and weight, from the request. */
    float[] local;
    long weight;
    /** When this round started, on {@link #clock}. */
    long startNs;

    MergeAgent(
        final String role, final ChunkExchange exchange, final int elements, final AllReduceConfig config, final NanoClock clock)
    {
        this.role = role;
        this.exchange = exchange;
        this.clock = clock;
        this.runId = config.runId();
        this.stage = config.stage();
        this.deadlineNs = config.stageDeadlineNs();
        this.self = exchange.peer();
        this.chunkSender = new ChunkSender(exchange, config);
        this.handoff = new RoundHandoff(elements);
        this.result = new float[elements];
    }

    @Override
    public final String roleName()
    {
        return role + "-" + self;
    }

    @Override
    public final void request(final int round, final float[] local, final long weight)
    {
        handoff.request(round, local, weight);
    }

    @Override
    public final int completedRound()
    {
        return handoff.completedRound();
    }

    @Override
    public final float[] result()
    {
        return result;
    }

    @Override
    public final MergeReport report()
    {
        return report;
    }

    @Override
    public final ChunkExchange exchange()
    {
        return exchange;
    }

    /** Starts a requested round when idle, takes what the links hold, then runs the program. */
    @Override
    public final int doWork()
    {
        final long framesBefore = chunkSender.framesOffered();
        int work = 0;
        if (!active() && handoff.requestedRound() != round)
        {
            round = handoff.requestedRound();
            local = handoff.local();
            weight = handoff.weight();
            startNs = clock.nanoTime();
            report.clear();
            chunkSender.reset();
            start();
            work++;
        }
        work += exchange.poll(this, POLL_LIMIT);
        if (active())
        {
            work += execute();
        }
        return work + (int)(chunkSender.framesOffered() - framesBefore);
    }

    @Override
    public void onClose()
    {
        exchange.close();
    }

    /** Publishes this round's result to the controller; the agent is idle from then on. */
    final void complete()
    {
        handoff.complete(round);
    }

    /** Nanoseconds since this round started. */
    final long elapsedNs()
    {
        return clock.nanoTime() - startNs;
    }

    /**
     * Reads a frame into the {@link #reader}: false, counted as a bad frame, when the codec checks
     * refuse it or it belongs to another run or stage.
     */
    final boolean readOwnGroup(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!reader.read(buffer, offset, length) || reader.runId() != runId || reader.stage() != stage)
        {
            report.onBadFrame();
            return false;
        }
        return true;
    }

    /**
     * Where the frame the {@link #reader} holds stands against this peer's rounds, once its run and
     * stage are checked: 1 for a later round (leave it on its link), 0 for the round under way, -1 for
     * a frame to drop as stale (an earlier round, or none under way), counted.
     */
    final int roundOrder()
    {
        final int age = reader.mergeRound() - round;
        if (age > 0)
        {
            return 1;
        }
        if (age < 0 || !active())
        {
            report.onStaleFrame();
            return -1;
        }
        return 0;
    }

    /** Whether a round is under way. */
    abstract boolean active();

    /** Sets up the round in {@link #round}; {@link #local}, {@link #weight} and {@link #startNs} are set. */
    abstract void start();

    /** Runs the round's program as far as it can go now; returns the work done. */
    abstract int execute();
}
