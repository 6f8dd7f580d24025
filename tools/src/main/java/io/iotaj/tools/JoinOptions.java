package io.iotaj.tools;

import io.iotaj.transport.Endpoint;
import picocli.CommandLine.Option;

/** How a participant process finds and joins the orchestrator: shared by {@code miner} and {@code validator}. */
public final class JoinOptions
{
    @Option(names = "--orchestrator", required = true, description = "HOST:PORT of the orchestrator.")
    String orchestrator;

    @Option(names = "--listen", description = "HOST:PORT to receive on (default: the address that reaches the " +
        "orchestrator, a free port).")
    String listen;

    @Option(names = "--join-timeout", defaultValue = "120",
        description = "Seconds to keep trying to join (default: ${DEFAULT-VALUE}).")
    long joinTimeoutSeconds;

    Endpoint orchestrator()
    {
        return Endpoint.parse(orchestrator);
    }

    Endpoint listen()
    {
        return listen == null ? ListenAddress.towards(orchestrator()) : Endpoint.parse(listen);
    }

    long joinTimeoutMs()
    {
        return joinTimeoutSeconds * 1000;
    }
}
