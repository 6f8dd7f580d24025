package io.iotaj.runtime.swarm;

import io.iotaj.codecs.Ed25519Keys;
import io.iotaj.codecs.EnvelopeVerifier;
import io.iotaj.kernels.Backend;
import io.iotaj.runtime.checkpoint.Safetensors;
import io.iotaj.transport.Endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code iotaj orchestrator}: the orchestrator in its own process, listening on UDP. It waits for the run's miners
 * (and its validator) to join, trains, and summarises from their heartbeats; the held-out loss needs the miners'
 * saved weights, read from {@code weightsDir} when given.
 */
public final class OrchestratorNode
{
    /** How long the orchestrator keeps listening after STOP for the miners' final heartbeats. */
    private static final long FINAL_HEARTBEATS_MS = 600;
    /** How long a standalone orchestrator waits for the miners' weight files after STOP. */
    private static final long WEIGHTS_WAIT_NS = 15_000_000_000L;

    private OrchestratorNode()
    {
    }

    /**
     * @param afterTraining runs once training is done or timed out (its argument says whether it finished), while
     *                      the orchestrator still listens (e.g. waits for the miners' processes to exit); null waits
     *                      briefly for their final heartbeats.
     * @param weightsDir    where miners saved their final weights ({@link MinerNode#weightsFile}), or null.
     */
    public static SwarmRun.Result run(final RunPlan plan, final Endpoint bind, final Backend backend,
        final int evalBatches, final long timeoutMs, final SwarmRun.Progress progress, final Path runDir,
        final Consumer<Boolean> afterTraining, final Path weightsDir) throws IOException
    {
        final SwarmSettings s = plan.settings();
        final Directory directory = Directory.udp(0, bind, bind);
        return SwarmRun.withBooks(runDir, s.stages(), accounts ->
        {
            try (NodeProcess node = new NodeProcess("orchestrator"))
            {
                final OrchestratorAgent orchestrator = new OrchestratorAgent(s, node.aeron(), directory,
                    Ed25519Keys.generate(), new EnvelopeVerifier(), accounts.ledger(), plan.toJson());
                node.start(orchestrator);
                final double seconds = SwarmRun.awaitDone(s, orchestrator, node.failure(), timeoutMs, progress, () -> { });
                if (afterTraining != null)
                {
                    afterTraining.accept(orchestrator.isDone());
                }
                else if (orchestrator.isDone())
                {
                    // the miners save their weights only after STOP: an unfinished run has none to wait for
                    SwarmRun.sleep(FINAL_HEARTBEATS_MS);
                    awaitWeights(orchestrator, weightsDir);
                }
                node.stop();
                if (!orchestrator.isDone())
                {
                    throw new IllegalStateException(orchestrator.unfinished(timeoutMs) + " (completed " +
                        orchestrator.completedSteps() + ", phase " +
                        orchestrator.phaseName() + ", " + orchestrator.miners().size() + " of " + s.miners() +
                        " miners joined; " + orchestrator.inboxSummary() + "; " + orchestrator.minerStates() + ")");
                }
                final double trainingSeconds = orchestrator.trainingNanos() > 0 ? orchestrator.trainingNanos() / 1e9 : seconds;
                return SwarmSummary.summarise(s, orchestrator, views(orchestrator, weightsDir), backend,
                    plan.data().open(s.seq()), evalBatches, trainingSeconds, accounts);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        });
    }

    /** Gives the live miners a few seconds to save their final weights where this process can read them. */
    private static void awaitWeights(final OrchestratorAgent orchestrator, final Path weightsDir)
    {
        final long deadline = System.nanoTime() + WEIGHTS_WAIT_NS;
        while (weightsDir != null && System.nanoTime() < deadline && orchestrator.miners().keySet().stream()
            .anyMatch(id -> !orchestrator.evicted().contains(id) && !Files.isRegularFile(MinerNode.weightsFile(weightsDir, id))))
        {
            SwarmRun.sleep(100);
        }
    }

    private static List<MinerView> views(final OrchestratorAgent orchestrator, final Path weightsDir) throws IOException
    {
        final List<MinerView> views = new ArrayList<>();
        for (final OrchestratorAgent.MinerInfo m : orchestrator.miners().values())
        {
            final Map<String, float[]> values = new LinkedHashMap<>();
            final Map<String, int[]> shapes = new LinkedHashMap<>();
            final Path file = weightsDir == null ? null : MinerNode.weightsFile(weightsDir, m.id());
            if (file != null && Files.isRegularFile(file))
            {
                for (final Safetensors.Entry e : Safetensors.read(file).values())
                {
                    values.put(e.name(), e.f32());
                    shapes.put(e.name(), e.shape());
                }
            }
            views.add(MinerView.of(m, values, shapes));
        }
        views.sort(java.util.Comparator.comparingInt(MinerView::id));
        return views;
    }
}
