package io.iotaj.runtime.swarm;

import io.iotaj.transport.Channels;

/**
 * Where each participant listens. Participant 0 is the orchestrator, 1..N the miners, then validators.
 * In one process every inbox is an IPC stream on the shared driver; across processes each participant
 * has its own UDP endpoint.
 */
public interface Directory
{
    int STREAM_BASE = 1000;

    String channel(int participant);

    default int stream(final int participant)
    {
        return STREAM_BASE + participant;
    }

    /** Everyone on one media driver. */
    static Directory ipc()
    {
        final String channel = Channels.ipc();
        return participant -> channel;
    }

    /** Participant p listens on host:basePort+p. */
    static Directory udp(final String host, final int basePort)
    {
        return participant -> Channels.udp(host, basePort + participant);
    }
}
