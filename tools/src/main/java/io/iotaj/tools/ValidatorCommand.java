package io.iotaj.tools;

import io.iotaj.kernels.Backend;
import io.iotaj.runtime.swarm.ValidatorNode;
import io.iotaj.transport.Endpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code iotaj validator}: the validator process, joining an orchestrator over UDP. */
@Command(name = "validator", mixinStandardHelpOptions = true,
    description = "Run the validator: join the orchestrator, re-check sampled miners' work, exit at STOP.")
public final class ValidatorCommand implements Callable<Integer>
{
    @Option(names = "--orchestrator", required = true, description = "HOST:PORT of the orchestrator.")
    String orchestrator;

    @Option(names = "--listen", description = "HOST:PORT to receive on (default: the address that reaches the " +
        "orchestrator, a free port).")
    String listen;

    @Option(names = "--join-timeout", defaultValue = "120",
        description = "Seconds to keep trying to join (default: ${DEFAULT-VALUE}).")
    long joinTimeoutSeconds;

    @Option(names = "--timeout", defaultValue = "7200",
        description = "Stop after this many seconds even without STOP (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Mixin
    BackendOption backendOption;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception
    {
        final Endpoint orchestratorAt = Endpoint.parse(orchestrator);
        final Endpoint listenAt = listen == null ? ListenAddress.towards(orchestratorAt) : Endpoint.parse(listen);
        System.err.printf("validator: listening on %s, joining %s%n", listenAt, orchestratorAt);
        try (Backend backend = backendOption.create())
        {
            final String summary = ValidatorNode.run(orchestratorAt, listenAt, backend, joinTimeoutSeconds * 1000,
                timeoutSeconds * 1000);
            System.err.println("validator: " + summary);
        }
        return 0;
    }
}
