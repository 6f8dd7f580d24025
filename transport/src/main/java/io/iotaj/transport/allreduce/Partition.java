package io.iotaj.transport.allreduce;

import java.util.Arrays;

/**
 * IOTA's pairwise partition: a vector of {@code elements} floats is cut into C(N,2) contiguous
 * chunks, chunk {@code c} belonging to the c-th unordered pair {@code (a, b)}, {@code a < b}, in
 * lexicographic order. Both members of a pair reduce its chunk. Chunks may be empty.
 * <p>
 * Traffic of peer i, payload only, with {@code O_i} the elements of the chunks it owns:
 * it sends its local values of every other chunk to both owners ({@code 2(L - O_i)}), its own
 * chunks to the partner ({@code O_i}) and its reductions to the N-1 others ({@code (N-1) O_i}):
 * {@code 2L + (N-2) O_i} elements; it receives exactly as many. With equal chunks
 * {@code O_i = 2L/N}, so each direction carries {@code 4L(N-1)/N} elements: 4 vector sizes as N grows.
 */
public final class Partition
{
    private final int peers;
    private final int elements;
    private final int[] offsets; // chunks + 1 entries
    private final int[] ownerA;
    private final int[] ownerB;

    private Partition(final int peers, final int[] lengths)
    {
        final int chunks = chunkCount(peers);
        this.peers = peers;
        this.offsets = new int[chunks + 1];
        this.ownerA = new int[chunks];
        this.ownerB = new int[chunks];
        long total = 0;
        int c = 0;
        for (int a = 0; a < peers; a++)
        {
            for (int b = a + 1; b < peers; b++, c++)
            {
                ownerA[c] = a;
                ownerB[c] = b;
                offsets[c] = (int)total;
                total += lengths[c];
            }
        }
        offsets[chunks] = (int)total;
        this.elements = (int)total;
    }

    /** C(N,2) chunks of equal length (the first {@code elements mod C(N,2)} one element longer). */
    public static Partition uniform(final int peers, final int elements)
    {
        checkPeers(peers);
        if (elements < 0)
        {
            throw new IllegalArgumentException("elements must be >= 0: " + elements);
        }
        final int chunks = chunkCount(peers);
        final int[] lengths = new int[chunks];
        for (int c = 0; c < chunks; c++)
        {
            lengths[c] = elements / chunks + (c < elements % chunks ? 1 : 0);
        }
        return new Partition(peers, lengths);
    }

    /**
     * Chunk sizes that minimise the slowest peer's transfer time {@code (2L + (N-2) O_i) / b_i} when
     * peer i advertises bandwidth {@code b_i}. Owned loads are water-filled:
     * {@code O_i = clamp((T b_i - 2L) / (N-2), 0, L)} with T chosen so that they sum to 2L; a peer
     * too slow to reach the water line owns nothing. The loads are then split over pairs by
     * levelling: the most loaded remaining peer takes its load from the others' largest remainders.
     */
    public static Partition bandwidthAware(final int elements, final double[] bandwidths)
    {
        final int peers = bandwidths.length;
        checkPeers(peers);
        for (final double b : bandwidths)
        {
            if (!(b > 0) || Double.isInfinite(b))
            {
                throw new IllegalArgumentException("bandwidths must be positive and finite: " + Arrays.toString(bandwidths));
            }
        }
        if (peers == 2)
        {
            return uniform(peers, elements);
        }
        final double[] loads = waterFill(elements, bandwidths);
        return new Partition(peers, roundToElements(levelPairs(loads), elements));
    }

    public static int chunkCount(final int peers)
    {
        return peers * (peers - 1) / 2;
    }

    /** Chunk index of the pair {@code {a, b}}. */
    public static int chunkOf(final int peers, final int a, final int b)
    {
        final int lo = Math.min(a, b);
        final int hi = Math.max(a, b);
        return lo * peers - lo * (lo + 1) / 2 + (hi - lo - 1);
    }

    public int peers()
    {
        return peers;
    }

    public int elements()
    {
        return elements;
    }

    public int chunks()
    {
        return ownerA.length;
    }

    public int offset(final int chunk)
    {
        return offsets[chunk];
    }

    public int length(final int chunk)
    {
        return offsets[chunk + 1] - offsets[chunk];
    }

    public int maxLength()
    {
        int max = 0;
        for (int c = 0; c < chunks(); c++)
        {
            max = Math.max(max, length(c));
        }
        return max;
    }

    /** The lower-numbered owner. */
    public int ownerA(final int chunk)
    {
        return ownerA[chunk];
    }

    /** The higher-numbered owner. */
    public int ownerB(final int chunk)
    {
        return ownerB[chunk];
    }

    public boolean isOwner(final int peer, final int chunk)
    {
        return ownerA[chunk] == peer || ownerB[chunk] == peer;
    }

    /** Elements of all chunks {@code peer} owns. */
    public int ownedElements(final int peer)
    {
        int owned = 0;
        for (int c = 0; c < chunks(); c++)
        {
            owned += isOwner(peer, c) ? length(c) : 0;
        }
        return owned;
    }

    /**
     * The peer that recomputes a chunk whose two copies disagree: the first peer after the higher
     * owner, cyclically, that owns neither copy; -1 with two peers, where there is no third.
     */
    public int referee(final int chunk)
    {
        if (peers < 3)
        {
            return -1;
        }
        int r = (ownerB[chunk] + 1) % peers;
        while (r == ownerA[chunk] || r == ownerB[chunk])
        {
            r = (r + 1) % peers;
        }
        return r;
    }

    /** Splits the vector {@code [0, elements)} into the pieces of this partition, for tests and tools. */
    public float[][] split(final float[] vector)
    {
        final float[][] pieces = new float[chunks()][];
        for (int c = 0; c < chunks(); c++)
        {
            pieces[c] = Arrays.copyOfRange(vector, offset(c), offset(c) + length(c));
        }
        return pieces;
    }

    /** Inverse of {@link #split}. */
    public float[] assemble(final float[][] pieces)
    {
        final float[] vector = new float[elements];
        for (int c = 0; c < chunks(); c++)
        {
            if (pieces[c].length != length(c))
            {
                throw new IllegalArgumentException("chunk " + c + " has " + pieces[c].length + " elements, expected " + length(c));
            }
            System.arraycopy(pieces[c], 0, vector, offset(c), length(c));
        }
        return vector;
    }

    private static void checkPeers(final int peers)
    {
        if (peers < 2 || peers > ChunkFraming.MAX_PEERS)
        {
            throw new IllegalArgumentException("peers must be in 2.." + ChunkFraming.MAX_PEERS + ": " + peers);
        }
    }

    private static double[] waterFill(final int elements, final double[] bandwidths)
    {
        final int peers = bandwidths.length;
        final double total = 2.0 * elements;
        double lo = 0;
        double hi = 0;
        for (final double b : bandwidths)
        {
            hi = Math.max(hi, (total + (peers - 2) * (double)elements) / b);
        }
        final double[] loads = new double[peers];
        for (int iteration = 0; iteration < 200; iteration++)
        {
            final double t = 0.5 * (lo + hi);
            if (fill(t, elements, bandwidths, loads) < total)
            {
                lo = t;
            }
            else
            {
                hi = t;
            }
        }
        final double sum = fill(hi, elements, bandwidths, loads);
        for (int i = 0; i < peers && sum > 0; i++)
        {
            loads[i] *= total / sum;
        }
        return loads;
    }

    private static double fill(final double t, final int elements, final double[] bandwidths, final double[] loads)
    {
        final int peers = bandwidths.length;
        double sum = 0;
        for (int i = 0; i < peers; i++)
        {
            loads[i] = Math.max(0, Math.min(elements, (t * bandwidths[i] - 2.0 * elements) / (peers - 2)));
            sum += loads[i];
        }
        return sum;
    }

    /** Pair sizes (indexed by chunk) whose per-peer sums are {@code loads}. */
    private static double[] levelPairs(final double[] loads)
    {
        final int peers = loads.length;
        final double[] remaining = loads.clone();
        final boolean[] done = new boolean[peers];
        final double[] sizes = new double[chunkCount(peers)];
        for (int step = 0; step < peers - 1; step++)
        {
            int u = -1;
            for (int i = 0; i < peers; i++)
            {
                if (!done[i] && (u < 0 || remaining[i] > remaining[u]))
                {
                    u = i;
                }
            }
            done[u] = true;
            final double level = levelFor(remaining, done, remaining[u]);
            for (int j = 0; j < peers; j++)
            {
                if (!done[j] && remaining[j] > level)
                {
                    final double share = remaining[j] - level;
                    sizes[chunkOf(peers, u, j)] = share;
                    remaining[j] = level;
                }
            }
            remaining[u] = 0;
        }
        return sizes;
    }

    /** The level h at which the remainders above h, over peers not done, add up to {@code amount}. */
    private static double levelFor(final double[] remaining, final boolean[] done, final double amount)
    {
        double lo = 0;
        double hi = 0;
        for (int j = 0; j < remaining.length; j++)
        {
            hi = done[j] ? hi : Math.max(hi, remaining[j]);
        }
        for (int iteration = 0; iteration < 200; iteration++)
        {
            final double h = 0.5 * (lo + hi);
            double above = 0;
            for (int j = 0; j < remaining.length; j++)
            {
                above += done[j] ? 0 : Math.max(0, remaining[j] - h);
            }
            if (above > amount)
            {
                lo = h;
            }
            else
            {
                hi = h;
            }
        }
        return hi;
    }

    /** Integer lengths summing to {@code elements}, by largest remainder. */
    private static int[] roundToElements(final double[] sizes, final int elements)
    {
        final int chunks = sizes.length;
        double sum = 0;
        for (final double s : sizes)
        {
            sum += s;
        }
        final int[] lengths = new int[chunks];
        final double[] fraction = new double[chunks];
        long assigned = 0;
        for (int c = 0; c < chunks; c++)
        {
            final double exact = sum > 0 ? sizes[c] * elements / sum : (double)elements / chunks;
            lengths[c] = (int)Math.floor(exact);
            fraction[c] = exact - lengths[c];
            assigned += lengths[c];
        }
        for (long left = elements - assigned; left > 0; left--)
        {
            int best = 0;
            for (int c = 1; c < chunks; c++)
            {
                best = fraction[c] > fraction[best] ? c : best;
            }
            lengths[best]++;
            fraction[best] = -1;
        }
        return lengths;
    }
}
