package io.iotaj.runtime.swarm;

import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;
import io.iotaj.transport.allreduce.AeronChunkExchange;
import io.iotaj.transport.allreduce.AllReduceConfig;
import io.iotaj.transport.allreduce.MergePeer;
import io.iotaj.transport.allreduce.MergePeers;
import io.aeron.Aeron;
import org.agrona.CloseHelper;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How the replicas of one stage average their weights and Adam moments at MERGE: IOTA's butterfly all-reduce
 * ({@code transport/allreduce}) over their own Aeron streams, so each replica sends and receives a bounded
 * multiple of the vector whatever the number of replicas, and every chunk is reduced by two of them and
 * cross-checked. The group is the stage's live replicas in id order; when one is evicted the survivors regroup
 * on fresh streams (after the round under way, which its deadlines finish without the missing replica). The
 * miner's agent drives it from its own duty cycle.
 */
final class ButterflyMerge implements AutoCloseable
{
    private static final int STREAM_BASE = 1_000_000;
    private static final int STREAMS_PER_STAGE = 100_000;

    private final Aeron aeron;
    private final Directory directory;
    private final SwarmSettings s;
    private final int stage;
    private final int self;
    private final Backend be;
    private final List<Tensor> state;
    private final float[] local;
    private final AllReduceConfig config;
    private int[] group = new int[0];
    private int[] nextGroup;
    private int generation;
    private AeronChunkExchange exchange;
    private MergePeer peer;
    private int round = -1;
    private long badFrames;

    ButterflyMerge(final Aeron aeron, final Directory directory, final SwarmSettings s, final int stage, final int self,
        final Backend be, final List<Tensor> state)
    {
        this.aeron = aeron;
        this.directory = directory;
        this.s = s;
        this.stage = stage;
        this.self = self;
        this.be = be;
        this.state = state;
        this.local = new float[WeightReport.length(state)];
        // a round that loses a replica still finishes: three stage deadlines, within the merge timeout
        this.config = AllReduceConfig.fromSystemProperties().withGroup(s.runId(), stage)
            .withStageDeadline(Math.max(1, s.mergeTimeoutMs() / 3), TimeUnit.MILLISECONDS);
    }

    /** The stage's replicas (this one included); a group of one merges with nobody. */
    void regroup(final int[] replicas)
    {
        final int[] sorted = replicas.clone();
        Arrays.sort(sorted);
        if (Arrays.equals(sorted, group))
        {
            return;
        }
        if (isActive())
        {
            nextGroup = sorted;
            return;
        }
        closePeer();
        group = sorted;
        generation++;
        round = -1;
        final int index = Arrays.binarySearch(group, self);
        if (group.length > 1 && index >= 0)
        {
            final int n = group.length;
            final int base = STREAM_BASE + stage * STREAMS_PER_STAGE + (generation * n * n) % STREAMS_PER_STAGE;
            final int[] members = group;
            exchange = new AeronChunkExchange(aeron, p -> directory.channel(members[p]), base, index, n);
            peer = MergePeers.butterfly(new NudgingExchange(exchange, p -> directory.nudge(members[p])), local.length,
                config);
        }
    }

    /** Leaves an evicted replica out of the rounds to come. */
    void leaveOut(final int miner)
    {
        final int[] base = nextGroup != null ? nextGroup : group;
        if (Arrays.stream(base).anyMatch(m -> m == miner))
        {
            regroup(Arrays.stream(base).filter(m -> m != miner).toArray());
        }
    }

    /**
     * Starts merge {@code r} with this replica's state and weight (its backward passes since the last merge);
     * false when it has nobody to merge with.
     */
    boolean start(final int r, final long weight)
    {
        if (peer == null)
        {
            return false;
        }
        Flat.read(be, state, local);
        round = r;
        peer.request(r, local, weight);
        return true;
    }

    boolean isActive()
    {
        return peer != null && round >= 0 && peer.completedRound() < round;
    }

    /** Runs the all-reduce's duty cycle: polls its links, sends, folds and checks what arrived. */
    int doWork() throws Exception
    {
        return peer == null ? 0 : peer.doWork();
    }

    /** True once round {@code r} is done, its result written into the state (and a pending regroup made). */
    boolean finish(final int r)
    {
        if (peer == null || peer.completedRound() < r)
        {
            return false;
        }
        Flat.write(be, peer.result(), state);
        badFrames += peer.report().badFrames();
        if (nextGroup != null)
        {
            final int[] next = nextGroup;
            nextGroup = null;
            regroup(next);
        }
        return true;
    }

    /** Frames the all-reduce dropped as malformed or not belonging to its merge, all rounds together. */
    long rejected()
    {
        return badFrames;
    }

    private void closePeer()
    {
        if (peer != null)
        {
            CloseHelper.quietClose(peer::onClose);
            peer = null;
            exchange = null;
        }
    }

    @Override
    public void close()
    {
        closePeer();
    }
}
