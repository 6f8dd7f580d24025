package io.iotaj.runtime.swarm;

import io.iotaj.codecs.Ed25519Keys;
import io.iotaj.codecs.EnvelopeVerifier;
import io.iotaj.kernels.Backend;
import io.iotaj.runtime.data.TokenSource;
import io.iotaj.runtime.model.Parameters;
import io.iotaj.runtime.train.Pipeline;
import io.iotaj.transport.MediaDriverHost;
import io.aeron.CommonContext;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.IoUtil;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs a whole swarm in this process: one embedded media driver, the orchestrator and S x R miners, each
 * an agent on its own thread talking only through Aeron IPC with signed control frames. Returns what
 * happened; the final model (replica 0 of each stage) is evaluated on the held-out split.
 */
public final class SwarmRun
{
    /** Longest park of an idle agent when all run in this process and every send wakes its receiver. */
    static final long IN_PROCESS_MAX_PARK_NS = 2_000_000L;
    /**
     * Longest park of the embedded driver's thread: over IPC the frames never pass through it, so it only
     * keeps time and liveness; waking it less often leaves the cores to the kernels.
     */
    private static final long DRIVER_MAX_PARK_NS = 1_000_000L;

    /** Live progress, polled by the caller. */
    @FunctionalInterface
    public interface Progress
    {
        void update(int step, double lastLoss, int alive, String phase, double tokensPerSecond);
    }

    /** Per-miner outcome, with its final parameter values (name -> values). */
    public record MinerResult(int id, int stage, long samples, long forwards, long backwards, long refused,
        long inboxRejects, long refusedReports,
        long validationsPassed, long validationsFailed, long validationsMissing, double score,
        double claspCredit, boolean flagged, double emissionShare, Map<String, float[]> parameters, String counters)
    {
    }

    /** The run's outcome. */
    public record Result(int steps, double[] losses, double evalLoss, double tokensPerSecond, double seconds,
        double wireBytesPerToken, double compressionRatio, int merges, List<Integer> evicted, long reissued,
        long samplesDispatched, long samplesCompleted, long refusedLosses, long orchestratorInboxRejects,
        List<MinerResult> miners)
    {
    }

    /**
     * Planned trouble, for tests and demos: miner {@code killMiner} stops dead once {@code killAfterSteps}
     * steps are done (-1: nobody), and the listed miners cheat as their {@link Behaviour} says.
     */
    public record Faults(int killMiner, int killAfterSteps, Map<Integer, Behaviour> planted)
    {
        public static final Faults NONE = new Faults(-1, 0, Map.of());

        public static Faults kill(final int minerId, final int afterSteps)
        {
            return new Faults(minerId, afterSteps, Map.of());
        }

        public static Faults planted(final Map<Integer, Behaviour> behaviours)
        {
            return new Faults(-1, 0, Map.copyOf(behaviours));
        }

        Behaviour of(final int minerId)
        {
            return planted.getOrDefault(minerId, Behaviour.HONEST);
        }
    }

    private SwarmRun()
    {
    }

    public static Result run(final SwarmSettings s, final Backend backend, final TokenSource data,
        final int evalBatches, final long timeoutMs, final Progress progress)
    {
        return run(s, backend, data, evalBatches, timeoutMs, progress, Faults.NONE, (Path)null);
    }

    /**
     * Runs the swarm; the loss ledger and emission history go under {@code runDir} (null: a temporary
     * directory, deleted afterwards).
     */
    public static Result run(final SwarmSettings s, final Backend backend, final TokenSource data,
        final int evalBatches, final long timeoutMs, final Progress progress, final Faults faults, final Path runDir)
    {
        return withBooks(runDir, s.stages(),
            accounts -> runWith(s, backend, data, evalBatches, timeoutMs, progress, faults, accounts));
    }

    /** Runs {@code body} with the run's books under {@code runDir} (null: a temporary directory, deleted after). */
    static Result withBooks(final Path runDir, final int stages, final Function<SwarmAccounts, Result> body)
    {
        final Path books = runDir != null ? runDir : temporaryDirectory();
        try (SwarmAccounts accounts = new SwarmAccounts(books, stages))
        {
            return body.apply(accounts);
        }
        finally
        {
            if (runDir == null)
            {
                IoUtil.delete(books.toFile(), true);
            }
        }
    }

    private static Path temporaryDirectory()
    {
        try
        {
            return Files.createTempDirectory("iotaj-swarm-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static Result runWith(final SwarmSettings s, final Backend backend, final TokenSource data,
        final int evalBatches, final long timeoutMs, final Progress progress, final Faults faults,
        final SwarmAccounts accounts)
    {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final ErrorHandler errors = ex -> failure.compareAndSet(null, ex);
        final List<AgentRunner> runners = new ArrayList<>();
        final String dir = CommonContext.getAeronDirectoryName() + "-iotaj-swarm-" + UUID.randomUUID();
        try (MediaDriverHost driver = MediaDriverHost.embedded(dir,
            new BackoffIdleStrategy(10, 20, 1_000, DRIVER_MAX_PARK_NS)))
        {
            final Directory directory = Directory.ipc();
            final KeyPair orchestratorKeys = Ed25519Keys.generate();
            final List<KeyPair> minerKeys = new ArrayList<>();
            for (int i = 0; i < s.miners(); i++)
            {
                minerKeys.add(Ed25519Keys.generate());
            }
            final KeyPair validatorKeys = Ed25519Keys.generate();
            final OrchestratorAgent orchestrator = new OrchestratorAgent(s, driver.aeron(), directory,
                orchestratorKeys, verifier(s, orchestratorKeys, minerKeys, validatorKeys), accounts.ledger(), null);
            // every miner here shares one backend and its cores: one measurement is everyone's capability
            final double throughput = KernelWarmup.measureGflops(backend);
            final List<MinerAgent> miners = new ArrayList<>();
            for (int i = 0; i < s.miners(); i++)
            {
                miners.add(new MinerAgent(i + 1, s, driver.aeron(), directory, minerKeys.get(i),
                    verifier(s, orchestratorKeys, minerKeys, validatorKeys), backend, data, throughput,
                    faults.of(i + 1)));
            }
            final ValidatorAgent validator = validates(s) ? new ValidatorAgent(s, driver.aeron(), directory,
                validatorKeys, verifier(s, orchestratorKeys, minerKeys, validatorKeys), backend, data) : null;
            runners.add(start(orchestrator, errors, IN_PROCESS_MAX_PARK_NS));
            miners.forEach(m -> runners.add(start(m, errors, IN_PROCESS_MAX_PARK_NS)));
            if (validator != null)
            {
                runners.add(start(validator, errors, IN_PROCESS_MAX_PARK_NS));
            }

            final boolean[] killed = {false};
            final double seconds = awaitDone(s, orchestrator, failure, timeoutMs, progress, () ->
            {
                if (faults.killMiner() > 0 && !killed[0] && orchestrator.completedSteps() >= faults.killAfterSteps())
                {
                    // the agent's thread stops and its inbox and publications close: to its peers it is gone
                    CloseHelper.quietClose(runners.get(faults.killMiner()));
                    killed[0] = true;
                }
            });
            runners.forEach(CloseHelper::quietClose);
            runners.clear();
            if (failure.get() != null)
            {
                throw new IllegalStateException("swarm agent failed: " + failure.get(), failure.get());
            }
            if (!orchestrator.isDone())
            {
                final StringBuilder why = new StringBuilder("orchestrator: " + orchestrator.inboxSummary() + "; " +
                    orchestrator.minerStates());
                miners.forEach(m -> why.append("; miner ").append(m.id()).append(": ").append(m.describeState()));
                if (validator != null)
                {
                    why.append("; validator: ").append(validator.summary());
                }
                throw new IllegalStateException(orchestrator.unfinished(timeoutMs) + " (completed " +
                    orchestrator.completedSteps() + ", phase " + orchestrator.phaseName() + "; " + why + ")");
            }
            // rate over the training itself: from the stage assignment to the last loss, not the join handshake
            final double trainingSeconds = orchestrator.trainingNanos() > 0 ? orchestrator.trainingNanos() / 1e9 : seconds;
            final List<MinerView> views = new ArrayList<>();
            miners.forEach(m -> views.add(MinerView.of(m)));
            return SwarmSummary.summarise(s, orchestrator, views, backend, data, evalBatches, trainingSeconds, accounts);
        }
        finally
        {
            runners.forEach(CloseHelper::quietClose);
        }
    }

    /**
     * Reports progress every 50 ms (running {@code eachTick} first) until the orchestrator is done, an agent
     * failed or the time is up; returns the seconds it waited.
     */
    static double awaitDone(final SwarmSettings s, final OrchestratorAgent orchestrator,
        final AtomicReference<Throwable> failure, final long timeoutMs, final Progress progress, final Runnable eachTick)
    {
        final long startNs = System.nanoTime();
        final long deadline = startNs + timeoutMs * 1_000_000L;
        while (!orchestrator.isDone() && orchestrator.deadEnd() == null && failure.get() == null &&
            System.nanoTime() < deadline)
        {
            sleep(50);
            eachTick.run();
            final List<Double> losses = orchestrator.stepLosses();
            final double secs = (System.nanoTime() - startNs) / 1e9;
            progress.update(orchestrator.completedSteps(), losses.isEmpty() ? Double.NaN : losses.get(losses.size() - 1),
                orchestrator.aliveMiners(), orchestrator.phaseName(),
                orchestrator.book().completed() * (double)s.batch() * s.seq() / Math.max(1e-9, secs));
        }
        return (System.nanoTime() - startNs) / 1e9;
    }

    /** A validator runs when validation is on and there is a boundary whose work it can check. */
    private static boolean validates(final SwarmSettings s)
    {
        return s.validation().enabled() && s.stages() > 1;
    }

    private static EnvelopeVerifier verifier(final SwarmSettings s, final KeyPair orchestrator,
        final List<KeyPair> miners, final KeyPair validator)
    {
        final EnvelopeVerifier v = new EnvelopeVerifier();
        v.register(0, orchestrator.getPublic());
        for (int i = 0; i < miners.size(); i++)
        {
            v.register(i + 1, miners.get(i).getPublic());
        }
        if (validates(s))
        {
            v.register(s.validatorId(), validator.getPublic());
        }
        return v;
    }

    /**
     * Starts an agent on its own thread. An idle agent backs off to parks of at most {@code maxParkNs}: long in
     * one process, where every send wakes its receiver ({@link Directory#nudge}); short across processes,
     * where only the park's end does.
     */
    static AgentRunner start(final org.agrona.concurrent.Agent agent, final ErrorHandler errors, final long maxParkNs)
    {
        final AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(1, 10, 1_000, maxParkNs), errors, null, agent);
        AgentRunner.startOnThread(runner);
        return runner;
    }

    static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
