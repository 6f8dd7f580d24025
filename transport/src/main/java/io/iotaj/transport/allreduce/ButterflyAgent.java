package io.iotaj.transport.allreduce;

import io.iotaj.codecs.sbe.ChunkKind;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;

import java.util.Arrays;

/**
 * One peer of the pairwise butterfly all-reduce. It executes its {@link ButterflySchedule} program:
 * contributions arrive from the {@link ChunkExchange} and are folded into the owned chunks' running
 * sums as each completes ({@link ContributionAccumulator}), and every chunk's two published copies are
 * cross-checked as they arrive, straight into the result ({@link PublishedCopies}). Disagreeing copies go to a referee (a third peer) who recomputes
 * the chunk from everyone's local values; an owner whose copy differs from the referee's is reported.
 * <p>
 * Frames are {@code ParamChunk} messages, checked on receipt by {@link ChunkReader} (structure, CRC32C,
 * finite values) and then against the merge: run and stage, a sender in the group, a known chunk, a
 * range inside it that continues the sender's last frame, the step's kind, and a contribution that
 * names its sender alone. Anything else is dropped and counted in the {@link MergeReport}.
 * <p>
 * Owned chunks are reduced in the order their contributions complete, not the program's: a reduce
 * whose inputs are still missing swaps places with a later one that is ready.
 * <p>
 * Deadlines, from the merge's start: scatter closes at d, publish at 2d, arbitration at 3d (a
 * referee reduces with the values it has at 2.5d, so that its result can still arrive). A
 * contribution that is incomplete when its stage closes is left out of the reduction; a copy that is
 * incomplete is ignored, so no partial chunk reaches the result. Allocation happens at construction
 * and, the first time this peer referees a chunk, when the arbitration sums grow.
 */
final class ButterflyAgent extends MergeAgent
{
    private static final int IDLE = 0;
    private static final int MAIN = 1;
    private static final int ARBITRATION = 2;

    private final Partition partition;
    private final double tolerance;
    private final int chunks;
    private final long everyone;
    private final Program mainProgram;
    private final Program arbitrationProgram;

    private final ContributionAccumulator owned;
    private final ContributionAccumulator refereed;
    private final PublishedCopies published;
    private final ChunkCopies arbitrated;
    private final long[] ownContributors;
    private final long[] ownWeight;
    private final int[] flagged;
    private final boolean[] isFlagged;

    private int phase = IDLE;
    private Program program;
    private int pc;
    private boolean copiesClosed;
    private int flaggedCount;

    ButterflyAgent(
        final ChunkExchange exchange, final Partition partition, final AllReduceConfig config, final NanoClock clock)
    {
        super("butterfly", exchange, partition.elements(), config, clock);
        if (exchange.peers() != partition.peers())
        {
            throw new IllegalArgumentException("exchange has " + exchange.peers() + " peers, partition " + partition.peers());
        }
        this.partition = partition;
        this.tolerance = config.tolerance();
        this.chunks = partition.chunks();
        this.everyone = partition.peers() == 64 ? -1L : (1L << partition.peers()) - 1;
        this.mainProgram = new Program(ButterflySchedule.capacity(partition));
        this.arbitrationProgram = new Program(ButterflySchedule.capacity(partition));

        this.owned = new ContributionAccumulator(partition);
        for (int c = 0; c < chunks; c++)
        {
            if (partition.isOwner(self, c))
            {
                owned.add(c);
            }
        }
        this.refereed = new ContributionAccumulator(partition);
        this.published = new PublishedCopies(partition, self, tolerance, result);
        this.arbitrated = new ChunkCopies(partition);
        this.ownContributors = new long[chunks];
        this.ownWeight = new long[chunks];
        this.flagged = new int[chunks];
        this.isFlagged = new boolean[chunks];
    }

    @Override
    boolean active()
    {
        return phase != IDLE;
    }

    @Override
    void start()
    {
        owned.rewind();
        published.rewind();
        Arrays.fill(isFlagged, false);
        flaggedCount = 0;
        copiesClosed = false;
        for (int c = 0; c < chunks; c++)
        {
            if (owned.holds(c))
            {
                owned.putLocal(c, self, local, weight);
            }
        }
        // Rebuilt each merge: the last one may have deferred or swapped reductions around a late peer.
        ButterflySchedule.main(partition, self, mainProgram);
        program = mainProgram;
        pc = 0;
        phase = MAIN;
    }

    @Override
    int execute()
    {
        int work = 0;
        while (pc < program.count())
        {
            final int c = program.chunk(pc);
            final long to = program.targets(pc);
            final boolean done;
            switch (program.kind(pc))
            {
                case ButterflySchedule.SEND_LOCAL:
                    done = send(ButterflySchedule.STEP_SCATTER, ChunkKind.CONTRIBUTION, c, to, local, weight, 1L << self);
                    break;

                case ButterflySchedule.REDUCE:
                    if (!reduceOwned(c) && !reduceAnotherReady())
                    {
                        if (deferReduce())
                        {
                            work++;
                            continue;
                        }
                        return work;
                    }
                    done = true;
                    break;

                case ButterflySchedule.SEND_REDUCED:
                    done = send(ButterflySchedule.STEP_PUBLISH, ChunkKind.REDUCED, c, to, published.ownValues(c), ownWeight[c],
                        ownContributors[c]);
                    break;

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
                    done = send(ButterflySchedule.STEP_ARBITRATION_INPUT, ChunkKind.CONTRIBUTION, c, to, local, weight, 1L << self);
                    break;

                case ButterflySchedule.REDUCE_ARBITRATION:
                    done = reduceArbitration(c);
                    break;

                case ButterflySchedule.SEND_ARBITRATED:
                    done = sendCopy(ButterflySchedule.STEP_ARBITRATION_RESULT, c, to, arbitrated);
                    break;

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
            if (!done)
            {
                return work;
            }
            pc++;
            work++;
        }
        return work;
    }

    private boolean sendCopy(final short step, final int c, final long to, final ChunkCopies copy)
    {
        return send(step, ChunkKind.REDUCED, c, to, copy.values(), copy.weight(c), copy.contributors(c));
    }

    /**
     * Sends chunk {@code c} of {@code src} to the peers in {@code to}; false while back-pressured. A
     * send still blocked when its stage closes is abandoned: the receivers drop the incomplete chunk.
     */
    private boolean send(
        final short step,
        final ChunkKind kind,
        final int c,
        final long to,
        final float[] src,
        final long frameWeight,
        final long contributors)
    {
        if (chunkSender.send(round, step, kind, c, partition.offset(c), partition.length(c), to, src, frameWeight, contributors))
        {
            return true;
        }
        final int stagesOpen = step == ButterflySchedule.STEP_SCATTER ? 1 : step == ButterflySchedule.STEP_PUBLISH ? 2 : 3;
        if (elapsedNs() >= stagesOpen * deadlineNs)
        {
            chunkSender.reset();
            return true;
        }
        return false;
    }

    /**
     * Reduces owned chunk {@code c} into this peer's copy once every peer's contribution is in, or over
     * those that are in when the scatter closes, and checks it against the partner's copy so far.
     */
    private boolean reduceOwned(final int c)
    {
        final long contributors = owned.contributors(c);
        if (contributors != everyone && elapsedNs() < deadlineNs)
        {
            return false;
        }
        owned.reduce(c, published.ownValues(c));
        ownContributors[c] = contributors;
        ownWeight[c] = owned.totalWeight(c);
        published.ownComplete(c, contributors, ownWeight[c]);
        return true;
    }

    /**
     * The referee's recomputation of flagged chunk {@code c}, once everyone's values are in or half the
     * arbitration stage has passed: a peer that died mid-scatter (often the cause of the flag) never
     * sends its values, and the result must still reach the others before the stage closes at 3d.
     */
    private boolean reduceArbitration(final int c)
    {
        final long contributors = refereed.contributors(c);
        if (contributors != everyone && elapsedNs() < 2 * deadlineNs + deadlineNs / 2)
        {
            return false;
        }
        refereed.reduce(c, arbitrated.values());
        arbitrated.complete(c, contributors, refereed.totalWeight(c));
        return true;
    }

    /**
     * The reduce at {@code pc} is waiting: finds a later owned chunk whose contributions are all in,
     * swaps the two reduce-and-publish pairs (a reduce is always followed by its publish) in the
     * program and reduces that one now.
     */
    private boolean reduceAnotherReady()
    {
        for (int op = pc + 2; op < program.count(); op++)
        {
            if (program.kind(op) != ButterflySchedule.REDUCE)
            {
                continue;
            }
            final int c = program.chunk(op);
            if (owned.contributors(c) == everyone)
            {
                program.swapChunks(pc, op);
                program.swapChunks(pc + 1, op + 1);
                return reduceOwned(c);
            }
        }
        return false;
    }

    /**
     * The reduce at {@code pc} is waiting and no later one is ready: when scatter operations come
     * later, moves the reduce-and-publish pair to just after the next run of them, so that this peer's
     * own contributions never wait behind a reduction.
     */
    private boolean deferReduce()
    {
        int end = pc + 2;
        while (end < program.count() && program.kind(end) != ButterflySchedule.SEND_LOCAL)
        {
            end++;
        }
        if (end == program.count())
        {
            return false;
        }
        while (end < program.count() && program.kind(end) == ButterflySchedule.SEND_LOCAL)
        {
            end++;
        }
        program.deferPair(pc, end);
        return true;
    }

    private boolean awaitCopies()
    {
        boolean complete = true;
        for (int c = 0; c < chunks && complete; c++)
        {
            complete = published.isCompleteA(c) && published.isCompleteB(c);
        }
        if (!complete && elapsedNs() < 2 * deadlineNs)
        {
            return false;
        }
        copiesClosed = true;
        for (int c = 0; c < chunks; c++)
        {
            if (partition.length(c) == 0)
            {
                continue;
            }
            final boolean haveA = published.isCompleteA(c);
            final boolean haveB = published.isCompleteB(c);
            if (haveA && haveB)
            {
                if (published.disagree(c))
                {
                    isFlagged[c] = true;
                    flagged[flaggedCount++] = c;
                }
            }
            else if (haveA)
            {
                report.add(MergeReport.Kind.SILENT, c, partition.ownerB(c));
            }
            else if (haveB)
            {
                published.keepB(c);
                report.add(MergeReport.Kind.SILENT, c, partition.ownerA(c));
            }
            else
            {
                keepLocal(c);
                report.add(MergeReport.Kind.LOST, c, -1);
            }
        }
        return true;
    }

    private void startArbitration()
    {
        refereed.clear();
        arbitrated.rewind();
        for (int i = 0; i < flaggedCount; i++)
        {
            final int c = flagged[i];
            if (partition.referee(c) == self)
            {
                refereed.add(c);
                refereed.putLocal(c, self, local, weight);
            }
        }
        ButterflySchedule.arbitration(partition, self, flagged, flaggedCount, arbitrationProgram);
        program = arbitrationProgram;
        pc = 0;
        phase = ARBITRATION;
    }

    private boolean awaitArbitration()
    {
        boolean complete = true;
        for (int i = 0; i < flaggedCount && complete; i++)
        {
            final int c = flagged[i];
            complete = partition.referee(c) < 0 || arbitrated.isComplete(c);
        }
        if (!complete && elapsedNs() < 3 * deadlineNs)
        {
            return false;
        }
        for (int i = 0; i < flaggedCount; i++)
        {
            final int c = flagged[i];
            if (partition.referee(c) >= 0 && arbitrated.isComplete(c))
            {
                // An owner is blamed when its copy names the referee's contributors yet differs; a copy
                // over other contributors (a peer died mid-scatter) is not evidence of cheating.
                if (published.differsFrom(c, true, arbitrated))
                {
                    report.add(MergeReport.Kind.DISAGREED, c, partition.ownerA(c));
                }
                if (published.differsFrom(c, false, arbitrated))
                {
                    report.add(MergeReport.Kind.DISAGREED, c, partition.ownerB(c));
                }
                arbitrated.commit(c, result);
            }
            else
            {
                keepLocal(c);
                report.add(MergeReport.Kind.UNRESOLVED, c, -1);
            }
        }
        return true;
    }

    private void finish()
    {
        phase = IDLE;
        complete();
    }

    private void keepLocal(final int c)
    {
        final int offset = partition.offset(c);
        System.arraycopy(local, offset, result, offset, partition.length(c));
    }

    @Override
    public boolean onFrame(final DirectBuffer buffer, final int offset, final int frameLength)
    {
        if (!readOwnGroup(buffer, offset, frameLength))
        {
            return true;
        }
        final long sender = reader.sender();
        final int c = reader.chunk();
        if (sender < 0 || sender >= partition.peers() || sender == self || c < 0 || c >= chunks)
        {
            report.onBadFrame();
            return true;
        }
        final int order = roundOrder();
        if (order != 0)
        {
            return order < 0; // a merge this peer has not started yet stays on its link
        }
        final long within = reader.elementOffset() - partition.offset(c);
        if (within < 0 || within + reader.elementCount() > partition.length(c))
        {
            report.onBadFrame();
            return true;
        }
        final int from = (int)sender;
        switch (reader.step())
        {
            case ButterflySchedule.STEP_SCATTER:
                stage(owned, c, from, (int)within);
                return true;

            case ButterflySchedule.STEP_PUBLISH:
                if (!reader.isReduced() || !partition.isOwner(from, c))
                {
                    report.onBadFrame();
                }
                else if (copiesClosed)
                {
                    report.onStaleFrame();
                }
                else if (!published.store(reader, c, from == partition.ownerA(c)))
                {
                    report.onBadFrame();
                }
                return true;

            case ButterflySchedule.STEP_ARBITRATION_INPUT:
                if (phase != ARBITRATION)
                {
                    return false; // this peer is still checking copies: keep the link's frames in order
                }
                stage(refereed, c, from, (int)within);
                return true;

            case ButterflySchedule.STEP_ARBITRATION_RESULT:
                if (phase != ARBITRATION)
                {
                    return false;
                }
                if (!reader.isReduced() || !isFlagged[c] || partition.referee(c) != from || !arbitrated.store(reader, c))
                {
                    report.onBadFrame();
                }
                return true;

            default:
                report.onBadFrame();
                return true;
        }
    }

    /**
     * A contribution: refused unless it is the sender's own values of a chunk this peer reduces and
     * continues the sender's last frame; dropped as stale once the chunk is reduced.
     */
    private void stage(final ContributionAccumulator sums, final int c, final int sender, final int within)
    {
        if (!reader.isContribution() || reader.contributors() != 1L << sender || !sums.holds(c))
        {
            report.onBadFrame();
        }
        else if (sums.isReduced(c))
        {
            report.onStaleFrame();
        }
        else if (!sums.store(reader, c, sender, within))
        {
            report.onBadFrame();
        }
    }
}
