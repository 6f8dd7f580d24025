package io.iotaj.runtime.swarm;

import io.iotaj.transport.Channels;
import io.iotaj.transport.Endpoint;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Where each participant listens. Participant 0 is the orchestrator, 1..N the miners, then validators.
 * In one process every inbox is an IPC stream on the shared driver; across processes each participant
 * has its own UDP endpoint, learned from its Join (by the orchestrator) or from the orchestrator's Assign
 * frames (by everyone else).
 */
public interface Directory
{
    int STREAM_BASE = 1000;

    String channel(int participant);

    default int stream(final int participant)
    {
        return STREAM_BASE + participant;
    }

    /**
     * Records where a participant says it listens; false when the text is not an endpoint this directory can
     * use. A directory fixed in advance ignores it.
     */
    default boolean learn(final int participant, final String endpoint)
    {
        return true;
    }

    /** Notes the thread that polls a participant's inbox, so that {@link #nudge} can wake it. */
    default void listening(final int participant, final Thread thread)
    {
    }

    /**
     * Wakes the participant's thread if it is parked, after a frame was sent to it: in one process an idle agent
     * can then park long (waking the cores less often, which the kernels feel) and still answer at once. Across
     * processes there is nobody here to wake.
     */
    default void nudge(final int participant)
    {
    }

    /** What this participant tells others about where it listens (for Join and Assign frames). */
    String endpointOf(int participant);

    /** Everyone on one media driver. */
    static Directory ipc()
    {
        final String channel = Channels.ipc();
        final AtomicReferenceArray<Thread> threads = new AtomicReferenceArray<>(SwarmSettings.VALIDATOR_ID + 1);
        return new Directory()
        {
            public String channel(final int participant)
            {
                return channel;
            }

            public void listening(final int participant, final Thread thread)
            {
                if (participant >= 0 && participant < threads.length())
                {
                    threads.set(participant, thread);
                }
            }

            public void nudge(final int participant)
            {
                final Thread t = participant >= 0 && participant < threads.length() ? threads.get(participant) : null;
                if (t != null)
                {
                    LockSupport.unpark(t);
                }
            }

            public String endpointOf(final int participant)
            {
                return "ipc";
            }
        };
    }

    /**
     * UDP endpoints learned as participants announce themselves. It starts knowing where participant
     * {@code self} listens and where the orchestrator does (the same endpoint when {@code self} is the orchestrator).
     */
    static Directory udp(final int self, final Endpoint listen, final Endpoint orchestrator)
    {
        final Int2ObjectHashMap<Endpoint> endpoints = new Int2ObjectHashMap<>();
        endpoints.put(0, orchestrator);
        endpoints.put(self, listen);
        return new Directory()
        {
            public String channel(final int participant)
            {
                final Endpoint e = endpoints.get(participant);
                if (e == null)
                {
                    throw new IllegalStateException("no endpoint known for participant " + participant);
                }
                return e.channel();
            }

            public boolean learn(final int participant, final String endpoint)
            {
                try
                {
                    endpoints.put(participant, Endpoint.parse(endpoint));
                    return true;
                }
                catch (final IllegalArgumentException ex)
                {
                    return false;
                }
            }

            public String endpointOf(final int participant)
            {
                final Endpoint e = endpoints.get(participant);
                return e == null ? "" : e.toString();
            }
        };
    }
}
