package io.iotaj.transport.allreduce;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;
import java.util.Arrays;

/**
 * One peer of the pairwise butterfly all-reduce. It executes its {@link ButterflySchedule} program:
 * frames arrive from the {@link ChunkExchange} into preallocated staging, owned chunks are reduced
 * with {@link WeightedMean}, and every chunk's two published copies are cross-checked before they
 * are committed to the result. Disagreeing copies go to a referee (a third peer) who recomputes the
 * chunk; the owner whose copy differs from the referee's is reported.
 * <p>
 * Deadlines, from the merge's start: scatter closes at d, publish at 2d, arbitration at 3d. A
 * contribution that is incomplete when its stage closes is left out of the reduction; a copy that is
 * incomplete is ignored, so no partial chunk reaches the result. Allocation happens only at
 * construction and, the first time a chunk is flagged, for the arbitration buffers.
 */
final class ButterflyAgent implements MergePeer, FrameHandler
{
    private static final int POLL_LIMIT = 64;
    private static final int IDLE = 0;
    private static final int MAIN = 1;
    private static final int ARBITRATION = 2;

    private final ChunkExchange exchange;
    private final Partition partition;
    private final NanoClock clock;
    private final long deadlineNs;
    private final double tolerance;
    private final int self;
    private final int peers;
    private final int chunks;
    private final Program mainProgram;
    private final Program arbitrationProgram;
    private final ChunkFrame decoder = new ChunkFrame();
    private final ChunkSender chunkSender;
    private final RoundHandoff handoff;
    private final MergeReport report = new MergeReport();

    private final int[] slotOf;
    private final int[] slotBase;
    private final float[] staging;
    private final int[] received;
    private final boolean[] reduced;
    private final long[] weights;
    private final float[][] copies;
    private final int[] copyReceived;
    private final long[] copyContributors;
    private final float[] result;
    private final double[] acc;
    private final int[] flagged;
    private final boolean[] isFlagged;

    private float[] arbitrationStaging;
    private int[] arbitrationBase;
    private int[] arbitrationReceived;
    private float[] arbitrated;
    private int[] arbitratedReceived;
    private long[] arbitratedContributors;

    private float[] local;
    private int round;
    private int phase = IDLE;
    private Program program;
    private int pc;
    private long startNs;
    private boolean copiesClosed;
    private int flaggedCount;

    ButterflyAgent(
        final ChunkExchange exchange, final Partition partition, final AllReduceConfig config, final NanoClock clock)
    {
        this.exchange = exchange;
        this.partition = partition;
        this.clock = clock;
        this.deadlineNs = config.stageDeadlineNs();
        this.tolerance = config.tolerance();
        this.self = exchange.peer();
        this.peers = partition.peers();
        this.chunks = partition.chunks();
        if (exchange.peers() != peers)
        {
            throw new IllegalArgumentException("exchange has " + exchange.peers() + " peers, partition " + peers);
        }
        this.chunkSender = new ChunkSender(exchange, config.frameElements());
        this.handoff = new RoundHandoff(partition.elements());
        this.mainProgram = new Program(ButterflySchedule.capacity(partition));
        this.arbitrationProgram = new Program(ButterflySchedule.capacity(partition));
        ButterflySchedule.main(partition, self, mainProgram);

        this.slotOf = new int[chunks];
        Arrays.fill(slotOf, -1);
        this.slotBase = new int[peers - 1];
        int slot = 0;
        int base = 0;
        for (int c = 0; c < chunks; c++)
        {
            if (partition.isOwner(self, c))
            {
                slotOf[c] = slot;
                slotBase[slot++] = base;
                base += peers * partition.length(c);
            }
        }
        this.staging = new float[base];
        this.received = new int[(peers - 1) * peers];
        this.reduced = new boolean[peers - 1];
        this.weights = new long[peers];
        this.copies = new float[][]{ new float[partition.elements()], new float[partition.elements()] };
        this.copyReceived = new int[2 * chunks];
        this.copyContributors = new long[2 * chunks];
        this.result = new float[partition.elements()];
        this.acc = new double[partition.maxLength()];
        this.flagged = new int[chunks];
        this.isFlagged = new boolean[chunks];
    }

    @Override
    public String roleName()
    {
        return "butterfly-" + self;
    }

    @Override
    public void request(final int round, final float[] local, final long weight)
    {
        handoff.request(round, local, weight);
    }

    @Override
    public int completedRound()
    {
        return handoff.completedRound();
    }

    @Override
    public float[] result()
    {
        return result;
    }

    @Override
    public MergeReport report()
    {
        return report;
    }

    @Override
    public ChunkExchange exchange()
    {
        return exchange;
    }

    @Override
    public int doWork()
    {
        final long framesBefore = chunkSender.framesOffered();
        int work = 0;
        if (phase == IDLE && handoff.requestedRound() != round)
        {
            start(handoff.requestedRound());
            work++;
        }
        work += exchange.poll(this, POLL_LIMIT);
        if (phase != IDLE)
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

    private void start(final int newRound)
    {
        round = newRound;
        local = handoff.local();
        weights[self] = handoff.weight();
        startNs = clock.nanoTime();
        report.clear();
        Arrays.fill(received, 0);
        Arrays.fill(reduced, false);
        Arrays.fill(copyReceived, 0);
        Arrays.fill(isFlagged, false);
        flaggedCount = 0;
        copiesClosed = false;
        for (int c = 0; c < chunks; c++)
        {
            final int slot = slotOf[c];
            if (slot >= 0)
            {
                final int length = partition.length(c);
                System.arraycopy(local, partition.offset(c), staging, slotBase[slot] + self * length, length);
            }
        }
        program = mainProgram;
        pc = 0;
        chunkSender.reset();
        phase = MAIN;
    }

    private int execute()
    {
        int work = 0;
        while (pc < program.count())
        {
            final int c = program.chunk(pc);
            final int to = program.peer(pc);
            switch (program.kind(pc))
            {
                case ButterflySchedule.SEND_LOCAL:
                    if (!send(ChunkFrame.STAGE_SCATTER, c, to, local, weights[self], 1L << self))
                    {
                        return work;
                    }
                    break;

                case ButterflySchedule.REDUCE:
                    if (!reduceOwned(c))
                    {
                        return work;
                    }
                    break;

                case ButterflySchedule.SEND_REDUCED:
                {
                    final int side = sideOf(c, self);
                    final long contributors = copyContributors[2 * c + side];
                    if (!send(ChunkFrame.STAGE_PUBLISH, c, to, copies[side], totalWeight(contributors), contributors))
                    {
                        return work;
                    }
                    break;
                }

                case ButterflySchedule.AWAIT_COPIES:
                    if (!awaitCopies())
                    {
                        return work;
                    }
                    if (flaggedCount == 0)
                    {
                        finish();
                        return work + 1;
                    }
                    startArbitration();
                    continue;

                case ButterflySchedule.SEND_ARBITRATION_INPUT:
                    if (!send(ChunkFrame.STAGE_ARBITRATE_INPUT, c, to, local, weights[self], 1L << self))
                    {
                        return work;
                    }
                    break;

                case ButterflySchedule.REDUCE_ARBITRATION:
                    if (!reduceArbitration(c))
                    {
                        return work;
                    }
                    break;

                case ButterflySchedule.SEND_ARBITRATED:
                {
                    final long contributors = arbitratedContributors[c];
                    if (!send(ChunkFrame.STAGE_ARBITRATE_RESULT, c, to, arbitrated, totalWeight(contributors), contributors))
                    {
                        return work;
                    }
                    break;
                }

                case ButterflySchedule.AWAIT_ARBITRATION:
                    if (!awaitArbitration())
                    {
                        return work;
                    }
                    finish();
                    return work + 1;

                default:
                    throw new IllegalStateException("unknown operation " + program.kind(pc));
            }
            pc++;
            work++;
        }
        return work;
    }

    /**
     * Sends chunk {@code c} of {@code src} to {@code to}; false while back-pressured. A send still
     * blocked when its stage closes is abandoned: the receiver drops the incomplete chunk.
     */
    private boolean send(
        final short stage, final int c, final int to, final float[] src, final long weight, final long contributors)
    {
        if (chunkSender.send(round, stage, c, partition.offset(c), partition.length(c), to, src, weight, contributors))
        {
            return true;
        }
        final int stagesOpen = stage == ChunkFrame.STAGE_SCATTER ? 1 : stage == ChunkFrame.STAGE_PUBLISH ? 2 : 3;
        if (clock.nanoTime() - startNs >= stagesOpen * deadlineNs)
        {
            chunkSender.reset();
            return true;
        }
        return false;
    }

    private boolean reduceOwned(final int c)
    {
        final int slot = slotOf[c];
        final int length = partition.length(c);
        long contributors = 1L << self;
        boolean complete = true;
        for (int p = 0; p < peers; p++)
        {
            if (p != self)
            {
                if (received[slot * peers + p] == length)
                {
                    contributors |= 1L << p;
                }
                else
                {
                    complete = false;
                }
            }
        }
        if (!complete && clock.nanoTime() - startNs < deadlineNs)
        {
            return false;
        }
        reduced[slot] = true;
        final int side = sideOf(c, self);
        WeightedMean.reduce(staging, slotBase[slot], length, contributors, weights, acc, copies[side], partition.offset(c));
        copyReceived[2 * c + side] = length;
        copyContributors[2 * c + side] = contributors;
        return true;
    }

    private boolean awaitCopies()
    {
        boolean complete = true;
        for (int c = 0; c < chunks && complete; c++)
        {
            final int length = partition.length(c);
            complete = copyReceived[2 * c] == length && copyReceived[2 * c + 1] == length;
        }
        if (!complete && clock.nanoTime() - startNs < 2 * deadlineNs)
        {
            return false;
        }
        copiesClosed = true;
        for (int c = 0; c < chunks; c++)
        {
            final int length = partition.length(c);
            if (length == 0)
            {
                continue;
            }
            final int offset = partition.offset(c);
            final boolean haveA = copyReceived[2 * c] == length;
            final boolean haveB = copyReceived[2 * c + 1] == length;
            if (haveA && haveB)
            {
                if (copyContributors[2 * c] == copyContributors[2 * c + 1] &&
                    WeightedMean.agree(copies[0], offset, copies[1], offset, length, tolerance))
                {
                    commit(copies[0], c);
                }
                else
                {
                    isFlagged[c] = true;
                    flagged[flaggedCount++] = c;
                }
            }
            else if (haveA || haveB)
            {
                commit(copies[haveA ? 0 : 1], c);
                report.add(MergeReport.Kind.SILENT, c, haveA ? partition.ownerB(c) : partition.ownerA(c));
            }
            else
            {
                commit(local, c);
                report.add(MergeReport.Kind.LOST, c, -1);
            }
        }
        return true;
    }

    private void startArbitration()
    {
        if (arbitrated == null)
        {
            arbitrated = new float[partition.elements()];
            arbitratedReceived = new int[chunks];
            arbitratedContributors = new long[chunks];
            arbitrationReceived = new int[chunks * peers];
            arbitrationBase = new int[chunks];
            arbitrationStaging = new float[0];
        }
        Arrays.fill(arbitratedReceived, 0);
        Arrays.fill(arbitrationReceived, 0);
        int size = 0;
        for (int i = 0; i < flaggedCount; i++)
        {
            final int c = flagged[i];
            if (partition.referee(c) == self)
            {
                arbitrationBase[c] = size;
                size += peers * partition.length(c);
            }
        }
        if (arbitrationStaging.length < size)
        {
            arbitrationStaging = new float[size];
        }
        for (int i = 0; i < flaggedCount; i++)
        {
            final int c = flagged[i];
            if (partition.referee(c) == self)
            {
                final int length = partition.length(c);
                System.arraycopy(local, partition.offset(c), arbitrationStaging, arbitrationBase[c] + self * length, length);
            }
        }
        ButterflySchedule.arbitration(partition, self, flagged, flaggedCount, arbitrationProgram);
        program = arbitrationProgram;
        pc = 0;
        phase = ARBITRATION;
    }

    private boolean reduceArbitration(final int c)
    {
        final int length = partition.length(c);
        long contributors = 1L << self;
        boolean complete = true;
        for (int p = 0; p < peers; p++)
        {
            if (p != self)
            {
                if (arbitrationReceived[c * peers + p] == length)
                {
                    contributors |= 1L << p;
                }
                else
                {
                    complete = false;
                }
            }
        }
        if (!complete && clock.nanoTime() - startNs < 3 * deadlineNs)
        {
            return false;
        }
        WeightedMean.reduce(
            arbitrationStaging, arbitrationBase[c], length, contributors, weights, acc, arbitrated, partition.offset(c));
        arbitratedReceived[c] = length;
        arbitratedContributors[c] = contributors;
        return true;
    }

    private boolean awaitArbitration()
    {
        boolean complete = true;
        for (int i = 0; i < flaggedCount && complete; i++)
        {
            final int c = flagged[i];
            complete = partition.referee(c) < 0 || arbitratedReceived[c] == partition.length(c);
        }
        if (!complete && clock.nanoTime() - startNs < 3 * deadlineNs)
        {
            return false;
        }
        for (int i = 0; i < flaggedCount; i++)
        {
            final int c = flagged[i];
            final int length = partition.length(c);
            final int offset = partition.offset(c);
            if (partition.referee(c) >= 0 && arbitratedReceived[c] == length)
            {
                commit(arbitrated, c);
                for (int side = 0; side < 2; side++)
                {
                    if (copyContributors[2 * c + side] == arbitratedContributors[c] &&
                        !WeightedMean.agree(copies[side], offset, arbitrated, offset, length, tolerance))
                    {
                        report.add(MergeReport.Kind.DISAGREED, c, side == 0 ? partition.ownerA(c) : partition.ownerB(c));
                    }
                }
            }
            else
            {
                commit(local, c);
                report.add(MergeReport.Kind.UNRESOLVED, c, -1);
            }
        }
        return true;
    }

    private void finish()
    {
        phase = IDLE;
        handoff.complete(round);
    }

    private void commit(final float[] src, final int c)
    {
        final int offset = partition.offset(c);
        System.arraycopy(src, offset, result, offset, partition.length(c));
    }

    private int sideOf(final int c, final int peer)
    {
        return partition.ownerA(c) == peer ? 0 : 1;
    }

    private long totalWeight(final long contributors)
    {
        long total = 0;
        for (long bits = contributors; bits != 0; bits &= bits - 1)
        {
            total += weights[Long.numberOfTrailingZeros(bits)];
        }
        return total;
    }

    @Override
    public boolean onFrame(final DirectBuffer buffer, final int offset, final int frameLength)
    {
        final ChunkFrame frame = decoder.wrap(buffer, offset);
        if (!frame.isWellFormed(frameLength, peers, self, chunks))
        {
            report.onBadFrame();
            return true;
        }
        final int age = frame.mergeRound() - round;
        if (age > 0)
        {
            return false; // a merge this peer has not started yet: leave it on its link
        }
        if (age < 0 || phase == IDLE)
        {
            report.onStaleFrame();
            return true;
        }
        final int c = frame.chunk();
        final int sender = frame.sender();
        final int count = frame.elementCount();
        final int within = frame.elementOffset() - partition.offset(c);
        final int length = partition.length(c);
        if (within < 0 || within + (long)count > length || frame.weight() < 0)
        {
            report.onBadFrame();
            return true;
        }
        switch (frame.stage())
        {
            case ChunkFrame.STAGE_SCATTER:
            {
                final int slot = slotOf[c];
                if (slot < 0)
                {
                    report.onBadFrame();
                }
                else if (reduced[slot])
                {
                    report.onStaleFrame();
                }
                else
                {
                    frame.getPayload(staging, slotBase[slot] + sender * length + within);
                    received[slot * peers + sender] += count;
                    weights[sender] = frame.weight();
                }
                return true;
            }

            case ChunkFrame.STAGE_PUBLISH:
                if (!partition.isOwner(sender, c))
                {
                    report.onBadFrame();
                }
                else if (copiesClosed)
                {
                    report.onStaleFrame();
                }
                else
                {
                    final int side = sideOf(c, sender);
                    frame.getPayload(copies[side], frame.elementOffset());
                    copyReceived[2 * c + side] += count;
                    copyContributors[2 * c + side] = frame.contributors();
                }
                return true;

            case ChunkFrame.STAGE_ARBITRATE_INPUT:
                if (phase != ARBITRATION)
                {
                    return false;
                }
                if (!isFlagged[c] || partition.referee(c) != self)
                {
                    report.onBadFrame();
                }
                else if (arbitratedReceived[c] == length)
                {
                    report.onStaleFrame();
                }
                else
                {
                    frame.getPayload(arbitrationStaging, arbitrationBase[c] + sender * length + within);
                    arbitrationReceived[c * peers + sender] += count;
                    weights[sender] = frame.weight();
                }
                return true;

            case ChunkFrame.STAGE_ARBITRATE_RESULT:
                if (phase != ARBITRATION)
                {
                    return false;
                }
                if (!isFlagged[c] || partition.referee(c) != sender)
                {
                    report.onBadFrame();
                }
                else
                {
                    frame.getPayload(arbitrated, frame.elementOffset());
                    arbitratedReceived[c] += count;
                    arbitratedContributors[c] = frame.contributors();
                }
                return true;

            default:
                report.onBadFrame();
                return true;
        }
    }
}
