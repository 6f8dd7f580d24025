package io.iotaj.runtime.swarm;

import io.iotaj.codecs.Ed25519Keys;
import io.iotaj.codecs.sbe.Role;
import io.iotaj.kernels.Backend;
import io.iotaj.runtime.checkpoint.Checkpoints;
import io.iotaj.transport.Endpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code iotaj miner}: one miner in its own process. It joins the orchestrator over UDP, builds the stage it is
 * given, trains until the orchestrator says STOP, and saves its stage's final weights when asked to.
 */
public final class MinerNode
{
    /** How long a miner keeps going while its heartbeats cannot reach the orchestrator. */
    private static final long ORCHESTRATOR_LOST_NS = 15_000_000_000L;

    /** What the miner did, for its last line of output. */
    public record Outcome(int stage, long forwards, long backwards, int merges, boolean orchestratorLost, Path saved)
    {
    }

    private MinerNode()
    {
    }

    /** The file a miner's final weights go to under a directory. */
    public static Path weightsFile(final Path dir, final int minerId)
    {
        return dir.resolve("miner-" + minerId + ".safetensors");
    }

    /**
     * @param saveDir where to save the final weights ({@link #weightsFile}), or null not to.
     */
    public static Outcome run(final Endpoint orchestrator, final int id, final Endpoint listen, final Backend backend,
        final Path saveDir, final long joinTimeoutMs, final Behaviour behaviour) throws IOException
    {
        final Directory directory = Directory.udp(id, listen, orchestrator);
        final KeyPair keys = Ed25519Keys.generate();
        try (NodeProcess node = new NodeProcess("miner-" + id))
        {
            // a miner stopped from outside (the demo's timeout sends SIGTERM) says where it stood, then closes its
            // node, whose media driver takes its Aeron directory with it
            final AtomicReference<MinerAgent> running = new AtomicReference<>();
            final Thread lastWords = new Thread(() ->
            {
                System.out.println("miner " + id + ": stopped while " +
                    (running.get() == null ? "joining" : "at " + running.get().describeState()));
                node.close();
            });
            Runtime.getRuntime().addShutdownHook(lastWords);
            try
            {
                // compiled kernels first, so the capability measured is the steady state, not the interpreter's
                KernelWarmup.run(backend);
                final double gflops = KernelWarmup.measureGflops(backend);
                final Enrolment.Joined joined = Enrolment.join(node.aeron(), directory, id, Role.MINER, keys, gflops,
                    joinTimeoutMs);
                final SwarmSettings s = joined.plan().settings();
                final MinerAgent miner = new MinerAgent(id, s, node.aeron(), directory, keys, joined.verifier(), backend,
                    joined.plan().data().open(s.seq()), gflops, behaviour);
                running.set(miner);
                node.start(miner);
                node.await(() -> miner.isDone() || miner.orchestratorLostForNs(System.nanoTime()) > ORCHESTRATOR_LOST_NS);
                Path saved = null;
                if (saveDir != null && miner.parameterGroups() != null)
                {
                    saved = weightsFile(saveDir, id);
                    Checkpoints.save(saved, miner.parameterGroups()); // written aside and moved into place whole
                }
                return new Outcome(miner.stage(), miner.stats().get(MinerStats.Event.FORWARDS),
                    miner.stats().get(MinerStats.Event.BACKWARDS), (int)miner.stats().get(MinerStats.Event.MERGES),
                    !miner.isDone(), saved);
            }
            finally
            {
                try
                {
                    Runtime.getRuntime().removeShutdownHook(lastWords);
                }
                catch (final IllegalStateException shuttingDown)
                {
                    // the hook is running or about to: it has the last word
                }
            }
        }
    }
}
