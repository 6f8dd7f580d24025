package io.iotaj.runtime.swarm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Last-heard times of participants; one silent for longer than the timeout is evicted, once. */
public final class Liveness
{
    private final long timeoutNs;
    private final Map<Integer, Long> lastHeard = new LinkedHashMap<>();
    private final List<Integer> evicted = new ArrayList<>();

    public Liveness(final long timeoutNs)
    {
        this.timeoutNs = timeoutNs;
    }

    public void heard(final int id, final long nowNs)
    {
        if (!evicted.contains(id))
        {
            lastHeard.put(id, nowNs);
        }
    }

    public boolean isAlive(final int id)
    {
        return lastHeard.containsKey(id);
    }

    public int aliveCount()
    {
        return lastHeard.size();
    }

    /** Participants that fell silent since the last call; they are no longer alive. */
    public List<Integer> evictSilent(final long nowNs)
    {
        final List<Integer> out = new ArrayList<>();
        lastHeard.entrySet().removeIf(e ->
        {
            if (nowNs - e.getValue() > timeoutNs)
            {
                out.add(e.getKey());
                return true;
            }
            return false;
        });
        evicted.addAll(out);
        return out;
    }

    /** Everyone evicted so far, in order. */
    public List<Integer> evicted()
    {
        return List.copyOf(evicted);
    }
}
