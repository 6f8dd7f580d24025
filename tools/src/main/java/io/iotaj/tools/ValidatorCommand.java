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
    @Mixin
    JoinOptions join;

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
        final Endpoint orchestratorAt = join.orchestrator();
        final Endpoint listenAt = join.listen();
        System.err.printf("validator: listening on %s, joining %s%n", listenAt, orchestratorAt);
        try (Backend backend = backendOption.create())
        {
            final String summary = ValidatorNode.run(orchestratorAt, listenAt, backend, join.joinTimeoutMs(),
                timeoutSeconds * 1000);
            System.err.println("validator: " + summary);
        }
        return 0;
    }
}
