package io.iotaj.runtime.swarm;

import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;
import io.iotaj.transport.PublishResult;

import java.util.List;

/**
 * After each merge a miner reports its stage's weights to the validator, which checks them against the
 * stage's reference and re-runs sampled work with them. The snapshot is taken at once; its chunks go out
 * a few per call so the agent keeps polling its inbox.
 */
final class WeightReport
{
    private static final int CHUNKS_PER_CALL = 8;

    private final SwarmLink link;
    private final long runId;
    private final int stage;
    private final int self;
    private final int target;
    private final Backend be;
    private final List<Tensor> params;
    private final ParamChunks chunks = new ParamChunks();
    private final float[] values;
    private int round;
    private int nextChunk;
    private boolean active;

    WeightReport(final SwarmLink link, final Backend backend, final long runId, final int stage, final int self,
        final int target, final List<Tensor> params)
    {
        this.link = link;
        this.be = backend;
        this.runId = runId;
        this.stage = stage;
        this.self = self;
        this.target = target;
        this.params = params;
        this.values = new float[length(params)];
    }

    static int length(final List<Tensor> params)
    {
        int n = 0;
        for (final Tensor t : params)
        {
            n += t.size();
        }
        return n;
    }

    /** Snapshots the weights as they are after merge {@code mergedRound} and starts sending them. */
    void start(final int mergedRound)
    {
        Flat.read(be, params, values);
        round = mergedRound;
        nextChunk = 0;
        active = true;
    }

    int doWork()
    {
        if (!active)
        {
            return 0;
        }
        final int total = ParamChunks.chunks(values.length);
        int work = 0;
        while (nextChunk < total && work < CHUNKS_PER_CALL)
        {
            final int length = chunks.encode(runId, stage, round, nextChunk, self, values);
            if (link.offer(target, chunks.frame(), 0, length) == PublishResult.BACK_PRESSURED)
            {
                break; // the validator is behind: try this chunk again on a later call
            }
            nextChunk++;
            work++;
        }
        active = nextChunk < total;
        return work;
    }
}
