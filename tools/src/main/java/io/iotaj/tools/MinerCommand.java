package io.iotaj.tools;

import io.iotaj.kernels.Backend;
import io.iotaj.runtime.swarm.Behaviour;
import io.iotaj.runtime.swarm.MinerNode;
import io.iotaj.runtime.swarm.SwarmSettings;
import io.iotaj.transport.Endpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code iotaj miner}: one miner process, joining an orchestrator over UDP. */
@Command(name = "miner", mixinStandardHelpOptions = true,
    description = "Run one miner: join the orchestrator, train the stage it assigns, exit at STOP.")
public final class MinerCommand implements Callable<Integer>
{
    @Mixin
    JoinOptions join;

    @Option(names = "--id", required = true, description = "This miner's id, unique in the run: 1..stages x replicas.")
    int id;

    @Option(names = "--save", description = "Save the stage's final weights to DIR/miner-<id>.safetensors.")
    Path save;

    @Option(names = "--behave", defaultValue = "honest", hidden = true,
        description = "Fault drills: honest, noise, identity or rogue.")
    String behave;

    @Mixin
    BackendOption backendOption;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception
    {
        if (id < 1 || id >= SwarmSettings.VALIDATOR_ID)
        {
            throw new IllegalArgumentException("--id " + id + ": a miner id is 1.." + (SwarmSettings.VALIDATOR_ID - 1));
        }
        final Endpoint orchestratorAt = join.orchestrator();
        final Endpoint listenAt = join.listen();
        final Behaviour behaviour = Behaviour.valueOf(behave.toUpperCase(Locale.ROOT));
        System.err.printf("miner %d: listening on %s, joining %s%n", id, listenAt, orchestratorAt);
        final MinerNode.Outcome o;
        try (Backend backend = backendOption.create())
        {
            o = MinerNode.run(orchestratorAt, id, listenAt, backend, save, join.joinTimeoutMs(), behaviour);
        }
        System.err.printf("miner %d: stage %d, %d forwards, %d backwards, %d merges%s%s%n", id, o.stage(), o.forwards(),
            o.backwards(), o.merges(), o.saved() == null ? "" : ", weights saved to " + o.saved(),
            o.orchestratorLost() ? "; stopped: the orchestrator went away" : "");
        return o.orchestratorLost() ? 1 : 0;
    }
}
