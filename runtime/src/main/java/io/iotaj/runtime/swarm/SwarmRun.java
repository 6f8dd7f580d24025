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

/**
 * Runs a whole swarm in this process: one embedded media driver, the orchestrator and S x R miners, each
 * an agent on its own thread talking only through Aeron IPC with signed control frames. Returns what
 * happened; the final model (replica 0 of each stage) is evaluated on the held-out split.
 */
public final class SwarmRun
{
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
        final Path books = runDir != null ? runDir : temporaryDirectory();
        try (SwarmAccounts accounts = new SwarmAccounts(books, s.stages()))
        {
            return runWith(s, backend, data, evalBatches, timeoutMs, progress, faults, accounts);
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
        try (MediaDriverHost driver = MediaDriverHost.embedded(dir))
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
                orchestratorKeys.getPrivate(), verifier(s, orchestratorKeys, minerKeys, validatorKeys),
                accounts.ledger());
            final List<MinerAgent> miners = new ArrayList<>();
            for (int i = 0; i < s.miners(); i++)
            {
                final double throughput = 1.0;
                miners.add(new MinerAgent(i + 1, s, driver.aeron(), directory, minerKeys.get(i),
                    verifier(s, orchestratorKeys, minerKeys, validatorKeys), backend, data, throughput,
                    faults.of(i + 1)));
            }
            final ValidatorAgent validator = validates(s) ? new ValidatorAgent(s, driver.aeron(), directory,
                validatorKeys, verifier(s, orchestratorKeys, minerKeys, validatorKeys), backend, data) : null;
            runners.add(start(orchestrator, errors));
            miners.forEach(m -> runners.add(start(m, errors)));
            if (validator != null)
            {
                runners.add(start(validator, errors));
            }

            final long startNs = System.nanoTime();
            final long deadline = startNs + timeoutMs * 1_000_000L;
            boolean killed = false;
            while (!orchestrator.isDone() && failure.get() == null && System.nanoTime() < deadline)
            {
                sleep(50);
                if (faults.killMiner() > 0 && !killed && orchestrator.completedSteps() >= faults.killAfterSteps())
                {
                    // the agent's thread stops and its inbox and publications close: to its peers it is gone
                    CloseHelper.quietClose(runners.get(faults.killMiner()));
                    killed = true;
                }
                final List<Double> losses = orchestrator.stepLosses();
                final double secs = (System.nanoTime() - startNs) / 1e9;
                progress.update(orchestrator.completedSteps(), losses.isEmpty() ? Double.NaN : losses.get(losses.size() - 1),
                    orchestrator.aliveMiners(), orchestrator.phaseName(),
                    orchestrator.book().completed() * (double)s.batch() * s.seq() / Math.max(1e-9, secs));
            }
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            runners.forEach(CloseHelper::quietClose);
            runners.clear();
            if (failure.get() != null)
            {
                throw new IllegalStateException("swarm agent failed: " + failure.get(), failure.get());
            }
            if (!orchestrator.isDone())
            {
                final StringBuilder why = new StringBuilder("orchestrator: " + orchestrator.inboxSummary());
                miners.forEach(m -> why.append("; miner ").append(m.id()).append(": ").append(m.inboxSummary()).append(' ').append(m.stats()));
                if (validator != null)
                {
                    why.append("; validator: ").append(validator.summary());
                }
                throw new IllegalStateException("swarm did not finish " + s.steps() + " steps within " + timeoutMs +
                    " ms (completed " + orchestrator.completedSteps() + ", phase " + orchestrator.phaseName() + "; " +
                    why + ")");
            }
            // rate over the training itself: from the stage assignment to the last loss, not the join handshake
            final double trainingSeconds = orchestrator.trainingNanos() > 0 ? orchestrator.trainingNanos() / 1e9 : seconds;
            return summarise(s, orchestrator, miners, backend, data, evalBatches, trainingSeconds, accounts);
        }
        finally
        {
            runners.forEach(CloseHelper::quietClose);
        }
    }

    private static Result summarise(final SwarmSettings s, final OrchestratorAgent orchestrator,
        final List<MinerAgent> miners, final Backend backend, final TokenSource data, final int evalBatches,
        final double seconds, final SwarmAccounts accounts)
    {
        final Map<Integer, long[]> checks = new LinkedHashMap<>();
        orchestrator.miners().values().forEach(m ->
            checks.put(m.id(), new long[]{m.validationsPassed(), m.validationsFailed() + m.validationsMissing()}));
        final Map<Integer, SwarmAccounts.Standing> standings = accounts.settle(checks);
        final List<Double> stepLosses = orchestrator.stepLosses();
        final double[] losses = stepLosses.stream().mapToDouble(Double::doubleValue).toArray();
        final long completed = orchestrator.book().completed();
        final long tokens = completed * s.batch() * s.seq();
        long frameBytes = 0;
        final List<MinerResult> perMiner = new ArrayList<>();
        int merges = 0;
        for (final MinerAgent m : miners)
        {
            frameBytes += m.activationFrameBytes();
            final OrchestratorAgent.MinerInfo info = orchestrator.miners().get(m.id());
            final Map<String, float[]> params = new LinkedHashMap<>();
            if (m.parameterGroups() != null)
            {
                m.parameterGroups().forEach(g -> params.putAll(g.values()));
            }
            perMiner.add(new MinerResult(m.id(), m.stage(), info == null ? 0 : info.samples(),
                m.stats().get(MinerStats.Event.FORWARDS), m.stats().get(MinerStats.Event.BACKWARDS),
                m.stats().refused(), m.inboxRejects(), info == null ? 0 : info.refusedReports(),
                info == null ? 0 : info.validationsPassed(),
                info == null ? 0 : info.validationsFailed(), info == null ? 0 : info.validationsMissing(),
                info == null ? 1 : info.score(), standing(standings, m.id()).credit(),
                standing(standings, m.id()).flagged(), standing(standings, m.id()).share(), params, m.inboxSummary() + " " + m.stats() + " merge_rejects=" +
                m.mergeRejects()));
            merges = Math.max(merges, (int)m.stats().get(MinerStats.Event.MERGES));
        }
        final int boundaries = s.stages() - 1;
        final double wirePerToken = boundaries == 0 || tokens == 0 ? 0 : (double)frameBytes / tokens / boundaries;
        final double bf16Full = 2.0 * s.model().dim();
        return new Result(orchestrator.completedSteps(), losses, evaluate(s, miners, orchestrator.evicted(), backend, data, evalBatches),
            tokens / seconds, seconds, wirePerToken, wirePerToken == 0 ? 0 : bf16Full / wirePerToken, merges,
            orchestrator.evicted(), orchestrator.book().reissued(), orchestrator.book().dispatched(), completed,
            orchestrator.refusedLosses(), orchestrator.inboxRejects(), perMiner);
    }

    private static SwarmAccounts.Standing standing(final Map<Integer, SwarmAccounts.Standing> all, final int id)
    {
        return all.getOrDefault(id, SwarmAccounts.Standing.NONE);
    }

    /** Held-out loss of the model made of the first live replica of each stage. */
    private static double evaluate(final SwarmSettings s, final List<MinerAgent> miners, final List<Integer> evicted,
        final Backend backend, final TokenSource data, final int evalBatches)
    {
        if (evalBatches == 0)
        {
            return Double.NaN;
        }
        final Pipeline pipe = new Pipeline(backend, s.model(), s.stages());
        final Map<String, float[]> values = new LinkedHashMap<>();
        final Map<String, int[]> shapes = new LinkedHashMap<>();
        for (int st = 0; st < s.stages(); st++)
        {
            for (final MinerAgent m : miners)
            {
                if (m.stage() == st && m.parameterGroups() != null && !evicted.contains(m.id()))
                {
                    for (final Parameters g : m.parameterGroups())
                    {
                        values.putAll(g.values());
                        g.all().forEach(p -> shapes.put(p.name(), p.shape()));
                    }
                    break;
                }
            }
        }
        pipe.load(values, shapes, "swarm");
        final int[] tokens = new int[s.batch() * s.seq()], targets = new int[s.batch() * s.seq()];
        double sum = 0;
        for (int i = 0; i < evalBatches; i++)
        {
            data.batch(s.seed(), TokenSource.Split.EVAL, (long)i * s.batch(), s.batch(), s.seq(), tokens, targets);
            sum += pipe.evaluate(tokens, targets, s.batch(), s.seq());
        }
        return sum / evalBatches;
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

    private static AgentRunner start(final org.agrona.concurrent.Agent agent, final ErrorHandler errors)
    {
        final AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(1, 10, 1_000, 200_000), errors, null, agent);
        AgentRunner.startOnThread(runner);
        return runner;
    }

    private static void sleep(final long ms)
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
