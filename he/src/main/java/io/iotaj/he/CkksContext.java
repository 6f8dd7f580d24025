package io.iotaj.he;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Everything derived once from a parameter set: the primes (data primes q_0..q_L, then the special
 * prime P), one NTT table per prime, modular inverses between primes, and Galois permutations in the
 * NTT domain. Immutable after construction and safe to share between threads.
 */
public final class CkksContext
{
    /** Work over RNS limbs is spread over the common pool when true (system property iotaj.he.parallel). */
    static final boolean PARALLEL = Boolean.parseBoolean(System.getProperty("iotaj.he.parallel", "true"));

    private final CkksParameters parameters;
    private final int n;
    private final int logN;
    private final Modulus[] moduli;
    private final Ntt[] ntts;
    private final long[][] inverses;
    private final Map<Integer, int[]> permutations = new ConcurrentHashMap<>();

    public CkksContext(final CkksParameters parameters)
    {
        this.parameters = parameters;
        this.n = parameters.polyDegree();
        this.logN = Integer.numberOfTrailingZeros(n);
        final long[] primes = Primes.nttFriendly(n, parameters.bitSizes());
        moduli = new Modulus[primes.length];
        ntts = new Ntt[primes.length];
        for (int i = 0; i < primes.length; i++)
        {
            moduli[i] = new Modulus(primes[i]);
            ntts[i] = new Ntt(moduli[i], n);
        }
        inverses = new long[primes.length][primes.length];
        for (int k = 0; k < primes.length; k++)
        {
            for (int j = 0; j < primes.length; j++)
            {
                inverses[k][j] = k == j ? 0 : moduli[j].inverse(primes[k]);
            }
        }
    }

    public CkksParameters parameters()
    {
        return parameters;
    }

    public int n()
    {
        return n;
    }

    public int slots()
    {
        return n / 2;
    }

    /** Limbs of a fresh ciphertext (number of data primes). */
    public int maxLimbs()
    {
        return moduli.length - 1;
    }

    /** Index of the special prime P in {@link #modulus(int)}. */
    public int specialIndex()
    {
        return moduli.length - 1;
    }

    public Modulus modulus(final int index)
    {
        return moduli[index];
    }

    public Ntt ntt(final int index)
    {
        return ntts[index];
    }

    /** q_k^-1 mod q_j. */
    long inverseOf(final int k, final int j)
    {
        return inverses[k][j];
    }

    /** log2 of the product of the first limbs data primes. */
    public double log2Modulus(final int limbs)
    {
        double bits = 0;
        for (int i = 0; i < limbs; i++)
        {
            bits += Math.log(moduli[i].value()) / Math.log(2);
        }
        return bits;
    }

    /** Galois element 5^step mod 2N that rotates slots left by step (negative steps rotate right). */
    public int galoisElement(final int step)
    {
        final int slots = slots();
        final int normalised = ((step % slots) + slots) % slots;
        long g = 1;
        final long twoN = 2L * n;
        for (int i = 0; i < normalised; i++)
        {
            g = (g * 5) % twoN;
        }
        return (int)g;
    }

    /**
     * The automorphism X -> X^g as a permutation of NTT-domain slots: out[k] = in[perm[k]], because
     * slot k holds m(psi^(2 brev(k) + 1)) and m(X^g) at that point is m at psi^((2 brev(k) + 1) g).
     */
    public int[] galoisPermutation(final int galoisElement)
    {
        return permutations.computeIfAbsent(galoisElement, g ->
        {
            final int[] perm = new int[n];
            final long mask = 2L * n - 1;
            for (int k = 0; k < n; k++)
            {
                final long exponent = ((2L * Ntt.bitReverse(k, logN) + 1) * g) & mask;
                perm[k] = Ntt.bitReverse((int)((exponent - 1) >>> 1), logN);
            }
            return perm;
        });
    }

    /** Runs body(limb) for every limb, in parallel when it pays. */
    static void forEachLimb(final int count, final IntConsumer body)
    {
        if (PARALLEL && count > 1)
        {
            IntStream.range(0, count).parallel().forEach(body);
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                body.accept(i);
            }
        }
    }
}
