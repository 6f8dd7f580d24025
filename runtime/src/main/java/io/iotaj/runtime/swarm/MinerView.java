package io.iotaj.runtime.swarm;

import io.iotaj.runtime.model.Parameters;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run's summary needs of one miner, whether it ran in this process (read from the agent) or in another
 * (from its heartbeats, and its weights from the file it saved). {@code values} is empty when its weights are
 * not here.
 */
record MinerView(int id, int stage, long forwards, long backwards, long refused, long inboxRejects,
    long activationBytes, int merges, String counters, Map<String, float[]> values, Map<String, int[]> shapes)
{
    static MinerView of(final MinerAgent m)
    {
        final Map<String, float[]> values = new LinkedHashMap<>();
        final Map<String, int[]> shapes = new LinkedHashMap<>();
        if (m.parameterGroups() != null)
        {
            for (final Parameters g : m.parameterGroups())
            {
                values.putAll(g.values());
                g.all().forEach(p -> shapes.put(p.name(), p.shape()));
            }
        }
        return new MinerView(m.id(), m.stage(), m.stats().get(MinerStats.Event.FORWARDS),
            m.stats().get(MinerStats.Event.BACKWARDS), m.stats().refused(), m.inboxRejects(), m.activationFrameBytes(),
            (int)m.stats().get(MinerStats.Event.MERGES),
            m.inboxSummary() + " " + m.stats() + " merge_rejects=" + m.mergeRejects(), values, shapes);
    }

    static MinerView of(final OrchestratorAgent.MinerInfo m, final Map<String, float[]> values,
        final Map<String, int[]> shapes)
    {
        return new MinerView(m.id(), m.stage(), m.forwards(), m.backwards(), m.refused(), m.inboxRejects(),
            m.activationBytes(), m.merges(), "remote", values, shapes);
    }

    boolean hasWeights()
    {
        return !values.isEmpty();
    }
}
