package io.iotaj.clasp.emission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One window's emissions: per miner its validated work, credit, quality factor, whether it was excluded
 * (flagged), its share before smoothing and its paid (smoothed) share; plus the burnt share. Miner shares
 * plus burn sum to 1. Miners are in id order. Immutable.
 */
public final class EmissionWindow
{
    public final long window;
    public final long fromPosition;
    public final long toPosition;
    public final long fromStep;
    public final long toStep;
    public final String estimator;
    public final double burn;
    private final int[] minerId;
    private final int[] stage;
    private final long[] work;
    private final double[] credit;
    private final double[] quality;
    private final boolean[] excluded;
    private final double[] rawShare;
    private final double[] share;

    EmissionWindow(final long window, final long fromPosition, final long toPosition, final long fromStep,
        final long toStep, final String estimator, final double burn, final int[] minerId, final int[] stage,
        final long[] work, final double[] credit, final double[] quality, final boolean[] excluded,
        final double[] rawShare, final double[] share)
    {
        this.window = window;
        this.fromPosition = fromPosition;
        this.toPosition = toPosition;
        this.fromStep = fromStep;
        this.toStep = toStep;
        this.estimator = estimator;
        this.burn = burn;
        this.minerId = minerId;
        this.stage = stage;
        this.work = work;
        this.credit = credit;
        this.quality = quality;
        this.excluded = excluded;
        this.rawShare = rawShare;
        this.share = share;
    }

    public int miners()
    {
        return minerId.length;
    }

    public int minerId(final int i)
    {
        return minerId[i];
    }

    public int stage(final int i)
    {
        return stage[i];
    }

    public long work(final int i)
    {
        return work[i];
    }

    /** NaN when the miner had no credit estimate this window. */
    public double credit(final int i)
    {
        return credit[i];
    }

    public double quality(final int i)
    {
        return quality[i];
    }

    public boolean excluded(final int i)
    {
        return excluded[i];
    }

    public double rawShare(final int i)
    {
        return rawShare[i];
    }

    public double share(final int i)
    {
        return share[i];
    }

    /** Index of a miner in this window (miners are in id order), or -1. */
    public int indexOf(final int id)
    {
        final int found = java.util.Arrays.binarySearch(minerId, id);
        return found >= 0 ? found : -1;
    }

    /** Sum of the miners' shares (1 - burn, or 0 when nothing was paid). */
    public double paid()
    {
        double sum = 0;
        for (final double s : share)
        {
            sum += s;
        }
        return sum;
    }

    public Map<String, Object> toMap()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("window", window);
        map.put("positions", new long[] {fromPosition, toPosition});
        map.put("steps", new long[] {fromStep, toStep});
        map.put("estimator", estimator);
        map.put("burn", burn);
        final List<Object> miners = new ArrayList<>(minerId.length);
        for (int i = 0; i < minerId.length; i++)
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("miner", minerId[i]);
            m.put("stage", stage[i]);
            m.put("work", work[i]);
            m.put("credit", credit[i]);
            m.put("quality", quality[i]);
            m.put("flagged", excluded[i]);
            m.put("raw_share", rawShare[i]);
            m.put("share", share[i]);
            miners.add(m);
        }
        map.put("miners", miners);
        return map;
    }
}
