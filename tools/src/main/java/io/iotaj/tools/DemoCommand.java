package io.iotaj.tools;

import io.iotaj.codecs.json.Json;
import io.iotaj.kernels.Backend;
import io.iotaj.runtime.swarm.Behaviour;
import io.iotaj.runtime.swarm.OrchestratorNode;
import io.iotaj.runtime.swarm.RunPlan;
import io.iotaj.runtime.swarm.SwarmRun;
import io.iotaj.runtime.swarm.SwarmSettings;
import io.iotaj.transport.Endpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code iotaj demo}: an orchestrator, S x R miners and a validator training the model over the transport, in
 * this JVM (Aeron IPC) or, with {@code --processes}, as separate JVMs (UDP over loopback).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Train with a swarm: orchestrator plus stages x replicas miners talking over Aeron.")
public final class DemoCommand implements Callable<Integer>
{
    /** How long the miners' processes get to save their weights and exit after STOP. */
    private static final long CHILD_EXIT_MS = 60_000;

    @Mixin
    SwarmOptions swarm;

    @Option(names = "--processes", description = "Run each miner and the validator as its own JVM, over UDP.")
    boolean processes;

    @Option(names = "--kill", paramLabel = "MINER@STEP",
        description = "Fault drill: kill miner MINER once STEP steps are done (with --processes its process " +
            "gets SIGKILL, as kill -9).")
    String kill;

    @Option(names = "--adversary",
        description = "Plant a cheating miner (miner 1, a head-stage replica): noise (noisy activations) or rogue " +
            "(malformed and forged frames).")
    String adversary;

    @Option(names = "--run-dir", defaultValue = "runs/demo",
        description = "Where the loss ledger and emission history go (and with --processes the miners' logs and " +
            "weights); must not hold an earlier run's (default: ${DEFAULT-VALUE}).")
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
        final Behaviour planted = adversary();
        final int[] drill = killDrill(plan.settings());
        System.err.printf("demo: %s, %s, data %s%n", swarm.describe(),
            processes ? "one JVM per participant over UDP" : "one JVM over IPC",
            plan.data().path() == null ? "generated arithmetic corpus" : plan.data().path());
        final SwarmRun.Result r;
        try (Backend backend = backendOption.create(); SwarmProgress progress = new SwarmProgress("demo", swarm.steps))
        {
            r = processes ? inProcesses(plan, backend, progress, planted, drill) : inThisJvm(plan, backend, progress,
                planted, drill);
            progress.finish(r.steps());
        }
        SwarmReport.print("demo", System.err, r);
        if (json)
        {
            System.out.println(Json.write(SwarmReport.toJson(r)));
        }
        return 0;
    }

    private SwarmRun.Result inThisJvm(final RunPlan plan, final Backend backend, final SwarmProgress progress,
        final Behaviour planted, final int[] drill) throws Exception
    {
        final SwarmRun.Faults faults = new SwarmRun.Faults(drill[0], drill[1],
            planted == Behaviour.HONEST ? Map.of() : Map.of(1, planted));
        return SwarmRun.run(plan.settings(), backend, plan.data().open(swarm.optim.seq), swarm.evalBatches,
            swarm.timeoutSeconds * 1000, progress, faults, runDir);
    }

    private SwarmRun.Result inProcesses(final RunPlan plan, final Backend backend, final SwarmProgress progress,
        final Behaviour planted, final int[] drill) throws Exception
    {
        final SwarmSettings s = plan.settings();
        final InetAddress loopback = InetAddress.getLoopbackAddress();
        final Endpoint orchestrator = new Endpoint(loopback.getHostAddress(), ListenAddress.freePort(loopback));
        final Path weights = runDir.resolve("weights");
        final String backendName = backendOption.backend;
        try (ChildSwarm children = new ChildSwarm(runDir.resolve("logs")))
        {
            for (int id = 1; id <= s.miners(); id++)
            {
                children.startMiner(orchestrator, id, weights, backendName,
                    id == 1 ? planted.name().toLowerCase() : "honest");
            }
            if (s.validation().enabled() && s.stages() > 1)
            {
                children.startValidator(orchestrator, backendName);
            }
            final boolean[] killed = {false};
            final SwarmRun.Progress watch = (step, loss, alive, phase, tps) ->
            {
                if (drill[0] > 0 && !killed[0] && step >= drill[1])
                {
                    killed[0] = children.killMiner(drill[0]);
                }
                progress.update(step, loss, alive, phase, tps);
            };
            return OrchestratorNode.run(plan, orchestrator, backend, swarm.evalBatches, swarm.timeoutSeconds * 1000,
                watch, runDir, finished -> reportExits(children, finished ? CHILD_EXIT_MS : 0), weights);
        }
    }

    /** Waits up to {@code waitMs} for the children to exit (0 after a timeout: they were not told to stop). */
    private static void reportExits(final ChildSwarm children, final long waitMs)
    {
        try
        {
            final List<String> failed = children.awaitExit(waitMs);
            if (!failed.isEmpty())
            {
                // on a line of its own: the progress bar's line has no end yet
                System.err.println(System.lineSeparator() + "demo: " + String.join(", ", failed) + "; logs in " +
                    children.logDir());
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** The planted cheater of {@code --adversary}: miner 1, a head-stage replica. */
    private Behaviour adversary()
    {
        if (adversary == null)
        {
            return Behaviour.HONEST;
        }
        switch (adversary)
        {
            case "noise": return Behaviour.NOISE;
            case "rogue": return Behaviour.ROGUE;
            default: throw new IllegalArgumentException("--adversary: unknown '" + adversary + "' (noise, rogue)");
        }
    }

    /** {@code --kill MINER@STEP} as {miner, step}; {-1, 0} when not asked. */
    private int[] killDrill(final SwarmSettings s)
    {
        if (kill == null)
        {
            return new int[]{-1, 0};
        }
        final String[] parts = kill.split("@", -1);
        try
        {
            final int miner = Integer.parseInt(parts[0]);
            final int step = parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
            if (parts.length == 2 && miner >= 1 && miner <= s.miners() && step >= 0)
            {
                return new int[]{miner, step};
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below with the expected form
        }
        throw new IllegalArgumentException("--kill " + kill + ": expected MINER@STEP with MINER in 1.." + s.miners());
    }
}
