package io.iotaj.transport.allreduce;

import io.iotaj.codecs.sbe.ChunkKind;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;

import java.util.Arrays;

/**
 * One peer of the ring all-reduce baseline, over the same {@link ChunkExchange} and {@code ParamChunk}
 * frames as the butterfly. Partial sums travel as float32 (weighted by each peer's weight, kind
 * PARTIAL_SUM); the peer that finishes a chunk divides by the total weight and passes it on (kind
 * REDUCED). A frame counts only from the left neighbour, with the chunk its step says. No redundancy: if a neighbour stops, the chunks that never
 * finish are left at local values and reported lost when the deadline (2d) passes.
 */
final class RingAgent extends MergeAgent
{
    private final int peers;
    private final int left;
    private final int elements;
    private final Program program;
    private final float[] partial;
    private final float[] scratch;
    private final int[] reduceReceived;
    private final long[] reduceWeight;
    private final long[] reduceContributors;
    private final int[] gatherReceived;
    private final long[] gatherWeight;
    private final long[] gatherContributors;

    private boolean active;
    private int pc;

    RingAgent(final ChunkExchange exchange, final int elements, final AllReduceConfig config, final NanoClock clock)
    {
        super("ring", exchange, elements, config, clock);
        this.peers = exchange.peers();
        if (peers < 2)
        {
            throw new IllegalArgumentException("a ring needs at least 2 peers: " + peers);
        }
        this.left = (self + peers - 1) % peers;
        this.elements = elements;
        this.program = RingSchedule.main(peers, self);
        this.partial = new float[elements];
        this.scratch = new float[length(0)]; // the longest chunk: no accepted frame is longer
        this.reduceReceived = new int[peers];
        this.reduceWeight = new long[peers];
        this.reduceContributors = new long[peers];
        this.gatherReceived = new int[peers];
        this.gatherWeight = new long[peers];
        this.gatherContributors = new long[peers];
    }

    @Override
    boolean active()
    {
        return active;
    }

    @Override
    void start()
    {
        weigh(local, weight, partial, elements);
        Arrays.fill(reduceReceived, 0);
        Arrays.fill(reduceWeight, 0);
        Arrays.fill(reduceContributors, 0);
        Arrays.fill(gatherReceived, 0);
        pc = 0;
        active = true;
    }

    /**
     * {@code out[j] = (float)(weight * (double)x[j])}. A weight that a float holds exactly (any count of
     * backward passes below 2^24) gives the same bits with a float multiply, the double product of two
     * floats being exact, and that loop is one the JIT vectorises.
     */
    private static void weigh(final float[] x, final long weight, final float[] out, final int n)
    {
        final float w = weight;
        if (w == weight)
        {
            for (int j = 0; j < n; j++)
            {
                out[j] = w * x[j];
            }
            return;
        }
        for (int j = 0; j < n; j++)
        {
            out[j] = (float)(weight * (double)x[j]);
        }
    }

    @Override
    int execute()
    {
        int work = 0;
        while (pc < program.count())
        {
            if (elapsedNs() >= 2 * deadlineNs)
            {
                finish();
                return work + 1;
            }
            final int c = program.chunk(pc);
            final long to = program.targets(pc);
            switch (program.kind(pc))
            {
                case RingSchedule.SEND_PARTIAL:
                    if (c != self && reduceReceived[c] != length(c) ||
                        !send(ChunkKind.PARTIAL_SUM, c, to, partial, weight + reduceWeight[c], reduceContributors[c] | 1L << self))
                    {
                        return work;
                    }
                    break;

                case RingSchedule.FINISH_OWN:
                {
                    if (reduceReceived[c] != length(c))
                    {
                        return work;
                    }
                    final double total = weight + reduceWeight[c];
                    WeightedMean.divide(partial, offset(c), length(c), total, result, offset(c));
                    gatherReceived[c] = total > 0 ? length(c) : -1;
                    gatherWeight[c] = weight + reduceWeight[c];
                    gatherContributors[c] = reduceContributors[c] | 1L << self;
                    break;
                }

                case RingSchedule.SEND_FINISHED:
                    if (gatherReceived[c] != length(c) ||
                        !send(ChunkKind.REDUCED, c, to, result, gatherWeight[c], gatherContributors[c]))
                    {
                        return work;
                    }
                    break;

                case RingSchedule.AWAIT_ALL:
                    for (int chunk = 0; chunk < peers; chunk++)
                    {
                        if (gatherReceived[chunk] != length(chunk))
                        {
                            return work;
                        }
                    }
                    finish();
                    return work + 1;

                default:
                    throw new IllegalStateException("unknown operation " + program.kind(pc));
            }
            pc++;
            work++;
        }
        return work;
    }

    private boolean send(
        final ChunkKind kind, final int c, final long to, final float[] src, final long frameWeight, final long contributors)
    {
        // The program is N-1 partial sends, the finish, then N-1 finished sends: its index gives the step.
        final short step = (short)(pc < peers ? pc : pc - 1);
        return chunkSender.send(round, step, kind, c, offset(c), length(c), to, src, frameWeight, contributors);
    }

    /** Closes the round; chunks that never finished keep this peer's local values. */
    private void finish()
    {
        for (int c = 0; c < peers; c++)
        {
            if (gatherReceived[c] != length(c))
            {
                System.arraycopy(local, offset(c), result, offset(c), length(c));
                report.add(MergeReport.Kind.LOST, c, -1);
            }
        }
        active = false;
        complete();
    }

    private int offset(final int c)
    {
        return RingSchedule.offset(elements, peers, c);
    }

    private int length(final int c)
    {
        return offset(c + 1) - offset(c);
    }

    @Override
    public boolean onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!readOwnGroup(buffer, offset, length))
        {
            return true;
        }
        final int step = reader.step();
        if (reader.sender() != left || step >= 2 * (peers - 1) || reader.chunk() != RingSchedule.chunkAt(peers, step, left))
        {
            report.onBadFrame();
            return true;
        }
        final int order = roundOrder();
        if (order != 0)
        {
            return order < 0;
        }
        final int c = reader.chunk();
        final int count = reader.elementCount();
        final long start = reader.elementOffset();
        final boolean reducing = step < peers - 1;
        final int received = reducing ? reduceReceived[c] : gatherReceived[c];
        // Frames of a chunk arrive in order: each must start where the last one ended.
        if (start != offset(c) + (long)received || start + count > offset(c) + length(c) ||
            (reducing ? !reader.isPartialSum() : !reader.isReduced()))
        {
            report.onBadFrame();
            return true;
        }
        if (reducing)
        {
            reader.addPayload(partial, (int)start, scratch);
            reduceReceived[c] += count;
            reduceWeight[c] = reader.weight();
            reduceContributors[c] = reader.contributors();
        }
        else
        {
            reader.getPayload(result, (int)start);
            gatherReceived[c] += count;
            gatherWeight[c] = reader.weight();
            gatherContributors[c] = reader.contributors();
        }
        return true;
    }
}
