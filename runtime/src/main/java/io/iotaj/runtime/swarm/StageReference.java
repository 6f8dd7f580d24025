package io.iotaj.runtime.swarm;

import io.iotaj.codecs.FrameValidator;
import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;
import io.iotaj.runtime.data.TokenSource;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The validator's copy of one stage: two one-slot {@link MinerCompute}s holding the stage's reference weights
 * after the two latest merges it adopted (initially the seeded initialisation every miner starts from), since
 * samples computed before a merge are still being checked after it; and the weight reports of the stage's
 * replicas being assembled. The reference for a round is the coordinate-wise
 * median of the replicas' reported weights, so one dishonest replica among three cannot move it.
 */
final class StageReference
{
    private final Backend be;
    private final MinerCompute[] computes = new MinerCompute[2];
    private final List<List<Tensor>> weights = List.of(new ArrayList<>(), new ArrayList<>());
    private final int[] rounds = {-1, -1};
    private final int length;
    private final Int2ObjectHashMap<float[]> reports = new Int2ObjectHashMap<>();
    private final Int2IntHashMap reportRound = new Int2IntHashMap(Integer.MIN_VALUE);
    private final Int2IntHashMap reportCount = new Int2IntHashMap(-1);

    StageReference(final Backend backend, final SwarmSettings s, final int stage, final TokenSource data)
    {
        this.be = backend;
        for (int i = 0; i < 2; i++)
        {
            computes[i] = new MinerCompute(backend, s.model(), s.firstArch(stage), s.endArch(stage), 1, data,
                s.seed(), s.batch(), s.seq());
            computes[i].stage().parameters().initialise(s.seed());
            final List<Tensor> into = weights.get(i);
            computes[i].stage().parameterGroups().forEach(g -> g.all().forEach(p -> into.add(p.value())));
        }
        this.length = WeightReport.length(weights.get(0));
    }

    /** The compute holding the weights after merge {@code round} (-1: the initial ones), or null if not held. */
    MinerCompute computeFor(final int round)
    {
        return rounds[0] == round ? computes[0] : rounds[1] == round ? computes[1] : null;
    }

    /** The newest merge round whose weights are held. */
    int round()
    {
        return Math.max(rounds[0], rounds[1]);
    }

    /** Files one chunk of a replica's weight report; returns false when it does not fit this stage. */
    boolean onChunk(final ParamChunks chunk, final DirectBuffer buffer, final FrameValidator validated)
    {
        if (!chunk.fits(length) || chunk.round() <= round())
        {
            return false;
        }
        final int sender = chunk.sender();
        float[] into = reports.get(sender);
        if (into == null)
        {
            into = new float[length];
            reports.put(sender, into);
        }
        if (reportRound.get(sender) != chunk.round())
        {
            reportRound.put(sender, chunk.round());
            reportCount.put(sender, 0);
        }
        chunk.copyInto(buffer, validated, into);
        reportCount.put(sender, reportCount.get(sender) + chunk.count());
        return true;
    }

    /** The newest round that {@code replicas} reported completely (all of them, or with {@code anyWillDo} at least one), or -1. */
    int completeRound(final List<Integer> replicas, final boolean anyWillDo)
    {
        int best = -1;
        for (final int m : replicas)
        {
            final int r = reportRound.get(m);
            if (r > round() && reportCount.get(m) >= length && (anyWillDo || everyoneReported(replicas, r)))
            {
                best = Math.max(best, r);
            }
        }
        return best;
    }

    private boolean everyoneReported(final List<Integer> replicas, final int r)
    {
        for (final int m : replicas)
        {
            if (reportRound.get(m) != r || reportCount.get(m) < length)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Adopts round {@code r} in place of the older of the two held: the reference is the coordinate-wise
     * median of the complete reports of that round; returns each reporter's weight cosine against it (miner id -> cosine).
     */
    Int2ObjectHashMap<Double> adopt(final int r, final List<Integer> replicas)
    {
        final List<float[]> in = new ArrayList<>();
        final List<Integer> who = new ArrayList<>();
        for (final int m : replicas)
        {
            if (reportRound.get(m) == r && reportCount.get(m) >= length)
            {
                in.add(reports.get(m));
                who.add(m);
            }
        }
        final float[] reference = new float[length];
        final float[] column = new float[in.size()];
        for (int i = 0; i < length; i++)
        {
            for (int k = 0; k < column.length; k++)
            {
                column[k] = in.get(k)[i];
            }
            reference[i] = median(column);
        }
        final Int2ObjectHashMap<Double> cosines = new Int2ObjectHashMap<>();
        for (int k = 0; k < who.size(); k++)
        {
            cosines.put(who.get(k).intValue(), Double.valueOf(cosine(in.get(k), reference)));
        }
        final int older = rounds[0] <= rounds[1] ? 0 : 1;
        Flat.write(be, reference, weights.get(older));
        rounds[older] = r;
        return cosines;
    }

    private static float median(final float[] v)
    {
        Arrays.sort(v);
        final int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5f * (v[n / 2 - 1] + v[n / 2]);
    }

    private static double cosine(final float[] a, final float[] b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++)
        {
            ab += (double)a[i] * b[i];
            aa += (double)a[i] * a[i];
            bb += (double)b[i] * b[i];
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }
}
