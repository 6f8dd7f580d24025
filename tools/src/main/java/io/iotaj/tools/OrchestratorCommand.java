package io.iotaj.tools;

import io.iotaj.codecs.json.Json;
import io.iotaj.kernels.Backend;
import io.iotaj.runtime.swarm.OrchestratorNode;
import io.iotaj.runtime.swarm.RunPlan;
import io.iotaj.runtime.swarm.SwarmRun;
import io.iotaj.transport.Endpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code iotaj orchestrator}: the orchestrator process; miners and a validator join it over UDP. */
@Command(name = "orchestrator", mixinStandardHelpOptions = true,
    description = "Run the orchestrator: wait for stages x replicas miners (and a validator) to join over UDP, " +
        "train, summarise.")
public final class OrchestratorCommand implements Callable<Integer>
{
    @Mixin
    SwarmOptions swarm;

    @Option(names = "--listen", defaultValue = "0.0.0.0:40123",
        description = "HOST:PORT to receive on; miners join at this port (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--weights", description = "Where the miners save their weights (--save), if this machine " +
        "sees it: the summary then has the held-out loss.")
    Path weights;

    @Option(names = "--run-dir", defaultValue = "runs/orchestrator",
        description = "Where the loss ledger and emission history go (default: ${DEFAULT-VALUE}).")
    Path runDir;

    @Option(names = "--json", description = "End with one JSON object on one line.")
    boolean json;

    @Mixin
    BackendOption backendOption;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception
    {
        final RunPlan plan = swarm.plan();
        final Endpoint at = Endpoint.parse(listen);
        System.err.printf("orchestrator: %s; listening on %s for %d miners%s%n", swarm.describe(), at,
            plan.settings().miners(), plan.settings().validation().enabled() ? " and a validator" : "");
        final SwarmRun.Result r;
        try (Backend backend = backendOption.create(); SwarmProgress progress = new SwarmProgress("orchestrator", swarm.steps))
        {
            r = OrchestratorNode.run(plan, at, backend, swarm.evalBatches, swarm.timeoutSeconds * 1000, progress,
                runDir, null, weights);
            progress.finish(r.steps());
        }
        SwarmReport.print("orchestrator", System.err, r);
        if (json)
        {
            System.out.println(Json.write(SwarmReport.toJson(r)));
        }
        return 0;
    }
}
