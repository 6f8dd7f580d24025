package io.iotaj.transport.allreduce;

import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.concurrent.locks.LockSupport;

/**
 * N all-reduce peers in one process, over an {@link InProcessNetwork} or exchanges given to it, their
 * agents shared among a few {@link AgentRunner} threads or all run on the caller's thread. Tests and
 * benchmarks drive merges through it; a swarm runs the same agents, one per process.
 */
public final class LocalAllReduce implements AutoCloseable
{
    private final MergePeer[] peers;
    private final List<AgentRunner> runners = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final long timeoutNs;
    private final AgentInvoker invoker;
    private final NanoClock clock = SystemNanoClock.INSTANCE;
    private int round;

    /**
     * Peers over an {@link InProcessNetwork}.
     *
     * @param partition for {@link Algorithm#BUTTERFLY}; the ring uses only its peer and element counts.
     * @param decorate  wraps each peer's exchange (fault injection in tests); identity otherwise.
     * @param threads   agent threads, peers spread over them round-robin; 0 runs every agent on the
     *                  thread that calls {@link #merge}, inside it.
     */
    public LocalAllReduce(
        final Algorithm algorithm,
        final Partition partition,
        final AllReduceConfig config,
        final UnaryOperator<ChunkExchange> decorate,
        final int threads)
    {
        this(algorithm, partition, config, inProcess(partition.peers(), config, decorate), threads);
    }

    /** Peers over the given exchanges, one per peer (Aeron, for instance); the peers close them. */
    public LocalAllReduce(
        final Algorithm algorithm,
        final Partition partition,
        final AllReduceConfig config,
        final ChunkExchange[] exchanges,
        final int threads)
    {
        final int n = partition.peers();
        if (exchanges.length != n)
        {
            throw new IllegalArgumentException("need one exchange per peer: " + n);
        }
        peers = new MergePeer[n];
        for (int i = 0; i < n; i++)
        {
            final ChunkExchange exchange = exchanges[i];
            peers[i] = algorithm == Algorithm.BUTTERFLY ?
                new ButterflyAgent(exchange, partition, config, clock) :
                new RingAgent(exchange, partition.elements(), config, clock);
        }
        // Every stage can run to its deadline, three stages at most; beyond that something is broken.
        timeoutNs = 3 * config.stageDeadlineNs() + TimeUnit.SECONDS.toNanos(10);
        if (threads < 0)
        {
            throw new IllegalArgumentException("threads must be >= 0: " + threads);
        }
        if (threads == 0)
        {
            invoker = new AgentInvoker(error -> failure.compareAndSet(null, error), null, new CompositeAgent(peers));
            invoker.start();
            return;
        }
        invoker = null;
        final int runnerCount = Math.min(threads, n);
        for (int t = 0; t < runnerCount; t++)
        {
            final List<MergePeer> group = new ArrayList<>();
            for (int i = t; i < n; i += runnerCount)
            {
                group.add(peers[i]);
            }
            final AgentRunner runner = new AgentRunner(
                new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(100)),
                error -> failure.compareAndSet(null, error),
                null,
                new CompositeAgent(group));
            runners.add(runner);
            AgentRunner.startOnThread(runner);
        }
    }

    private static ChunkExchange[] inProcess(
        final int peers, final AllReduceConfig config, final UnaryOperator<ChunkExchange> decorate)
    {
        final InProcessNetwork network =
            new InProcessNetwork(peers, config.linkCapacity(), config.linkLatencyNs(), SystemNanoClock.INSTANCE);
        final ChunkExchange[] exchanges = new ChunkExchange[peers];
        for (int i = 0; i < peers; i++)
        {
            exchanges[i] = decorate.apply(network.exchange(i));
        }
        return exchanges;
    }

    public int peerCount()
    {
        return peers.length;
    }

    public MergePeer peer(final int index)
    {
        return peers[index];
    }

    /**
     * Runs one merge with {@code locals[i]} and {@code weights[i]} on peer i and waits until every
     * peer has a result.
     *
     * @return wall time of the merge in nanoseconds.
     * @throws IllegalStateException when an agent failed or the merge overran every deadline.
     */
    public long merge(final float[][] locals, final long[] weights)
    {
        if (locals.length != peers.length || weights.length != peers.length)
        {
            throw new IllegalArgumentException("need one vector and one weight per peer: " + peers.length);
        }
        round++;
        final long start = clock.nanoTime();
        for (int i = 0; i < peers.length; i++)
        {
            peers[i].request(round, locals[i], weights[i]);
        }
        for (final MergePeer peer : peers)
        {
            while (peer.completedRound() != round)
            {
                checkFailure();
                if (clock.nanoTime() - start > timeoutNs)
                {
                    throw new IllegalStateException("merge " + round + " did not finish: " + peer.roleName());
                }
                if (invoker != null)
                {
                    invoker.invoke();
                }
                else
                {
                    LockSupport.parkNanos(20_000);
                }
            }
        }
        final long wall = clock.nanoTime() - start;
        checkFailure();
        return wall;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(runners);
        CloseHelper.close(invoker);
    }

    private void checkFailure()
    {
        final Throwable error = failure.get();
        if (error != null)
        {
            throw new IllegalStateException("all-reduce agent failed: " + error, error);
        }
    }
}
