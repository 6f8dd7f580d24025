package io.iotaj.runtime.swarm;

import io.iotaj.codecs.FrameValidator;
import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;
import io.iotaj.transport.PublishResult;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.Arrays;
import java.util.List;

/**
 * TEMPORARY merge until the butterfly all-reduce is wired in: every replica of a stage sends its whole
 * state vector (weight, parameters, Adam moments) to every other replica as ParamChunk frames, and each
 * computes the exact weighted mean locally. O(N) bandwidth per miner, unlike the butterfly's O(1).
 * Element 0 of the vector is the replica's weight (its backward passes since the last merge). Sending is
 * spread over calls to {@link #doWork} so the agent keeps polling its inbox between chunks.
 */
final class ReplicaMerge
{
    private static final int CHUNKS_PER_CALL = 8;

    private final SwarmLink link;
    private final Backend be;
    private final long runId;
    private final int stage;
    private final int self;
    private final List<Tensor> tensors;
    private final ParamChunks chunks = new ParamChunks();
    private final float[] local;
    // per sender: its latest round's vector, which round that is, and how many elements arrived; chunks may
    // come before this replica has seen the MERGE phase itself (they travel on another publication)
    private final Int2ObjectHashMap<float[]> incoming = new Int2ObjectHashMap<>();
    private final Int2IntHashMap incomingRound = new Int2IntHashMap(-1);
    private final Int2IntHashMap incomingCount = new Int2IntHashMap(-1);
    private int[] peers = new int[0];
    private int round = -1;
    private int finishedRound = -1;
    private int nextChunk;
    private int nextPeer;
    private boolean active;
    private long deadlineNs;
    private long rejected;

    ReplicaMerge(final SwarmLink link, final Backend backend, final long runId, final int stage, final int self,
        final List<Tensor> tensors)
    {
        this.link = link;
        this.be = backend;
        this.runId = runId;
        this.stage = stage;
        this.self = self;
        this.tensors = tensors;
        int n = 1;
        for (final Tensor t : tensors)
        {
            n += t.size();
        }
        this.local = new float[n];
    }

    boolean isActive()
    {
        return active;
    }

    long rejected()
    {
        return rejected;
    }

    /** Starts round {@code r} with the other replicas {@code others}, weighting this replica by {@code weight}. */
    void start(final int r, final int[] others, final float weight, final long deadlineNs)
    {
        round = r;
        peers = others.clone();
        local[0] = weight;
        int off = 1;
        final float[] scratch = new float[maxSize()];
        for (final Tensor t : tensors)
        {
            be.read(t, scratch);
            System.arraycopy(scratch, 0, local, off, t.size());
            off += t.size();
        }
        nextChunk = 0;
        nextPeer = 0;
        this.deadlineNs = deadlineNs;
        active = true;
    }

    /** Sends some chunks; finishes the round once all peers' vectors are in or the deadline passed. */
    int doWork(final long nowNs)
    {
        if (!active)
        {
            return 0;
        }
        int work = 0;
        final int chunkCount = ParamChunks.chunks(local.length);
        while (nextPeer < peers.length && work < CHUNKS_PER_CALL)
        {
            if (!sendChunk(peers[nextPeer], nextChunk))
            {
                break; // back-pressured: drain the inbox and come back to this chunk
            }
            work++;
            if (++nextChunk == chunkCount)
            {
                nextChunk = 0;
                nextPeer++;
            }
        }
        if ((nextPeer == peers.length && allReceived()) || nowNs > deadlineNs)
        {
            finish();
            work++;
        }
        return work;
    }

    /** A peer was evicted: this and later rounds finish without waiting for it. */
    void leaveOut(final int peer)
    {
        int at = -1;
        for (int i = 0; i < peers.length; i++)
        {
            at = peers[i] == peer ? i : at;
        }
        if (at < 0)
        {
            return;
        }
        final int[] kept = new int[peers.length - 1];
        System.arraycopy(peers, 0, kept, 0, at);
        System.arraycopy(peers, at + 1, kept, at, kept.length - at);
        peers = kept;
        if (at < nextPeer)
        {
            nextPeer--;
        }
        else if (at == nextPeer)
        {
            nextChunk = 0; // its chunks stop here; the next peer's start from the first
        }
    }

    /** A ParamChunk frame that the inbox validated; it may belong to a round this replica has not started yet. */
    void onChunk(final DirectBuffer buffer, final int offset, final FrameValidator validated)
    {
        final ParamChunks chunk = chunks.wrap(buffer, offset);
        final int sender = chunk.sender();
        final int chunkRound = chunk.round();
        if (chunkRound <= finishedRound || chunk.stage() != stage || sender == self || !chunk.fits(local.length))
        {
            rejected++;
            return;
        }
        float[] into = incoming.get(sender);
        if (into == null)
        {
            into = new float[local.length];
            incoming.put(sender, into);
        }
        if (incomingRound.get(sender) != chunkRound)
        {
            incomingRound.put(sender, chunkRound);
            incomingCount.put(sender, 0);
        }
        chunk.copyInto(buffer, validated, into);
        final int count = chunk.count();
        incomingCount.put(sender, incomingCount.get(sender) + count);
    }

    /** Sends one chunk; false when the peer's stream is back-pressured and the chunk must be tried again. */
    private boolean sendChunk(final int peer, final int chunk)
    {
        final int length = chunks.encode(runId, stage, round, chunk, self, local);
        final PublishResult r = link.offer(peer, chunks.frame(), 0, length);
        if (r == PublishResult.BACK_PRESSURED)
        {
            return false;
        }
        if (r != PublishResult.OK)
        {
            rejected++; // gone or closed: its peers finish without this replica at the deadline
        }
        return true;
    }

    private boolean complete(final int peer)
    {
        return incomingRound.get(peer) == round && incomingCount.get(peer) >= local.length;
    }

    private boolean allReceived()
    {
        for (final int p : peers)
        {
            if (!complete(p))
            {
                return false;
            }
        }
        return true;
    }

    /** Weighted mean over this replica and every peer whose whole vector arrived; others are left out. */
    private void finish()
    {
        final float[] mean = local.clone();
        double total = local[0];
        for (int i = 1; i < mean.length; i++)
        {
            mean[i] *= local[0];
        }
        for (final int p : peers)
        {
            if (complete(p))
            {
                final float[] v = incoming.get(p);
                final float w = v[0];
                total += w;
                for (int i = 1; i < mean.length; i++)
                {
                    mean[i] += w * v[i];
                }
            }
        }
        if (total > 0)
        {
            final float inv = (float)(1.0 / total);
            int off = 1;
            for (final Tensor t : tensors)
            {
                final float[] v = Arrays.copyOfRange(mean, off, off + t.size());
                for (int i = 0; i < v.length; i++)
                {
                    v[i] *= inv;
                }
                be.write(v, t);
                off += t.size();
            }
        }
        active = false;
        finishedRound = round;
    }

    private int maxSize()
    {
        int m = 0;
        for (final Tensor t : tensors)
        {
            m = Math.max(m, t.size());
        }
        return m;
    }
}
