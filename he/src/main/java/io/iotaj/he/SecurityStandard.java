package io.iotaj.he;

/**
 * The Homomorphic Encryption Standard's (2018) bound on log2 of the coefficient modulus for 128-bit
 * classical security with a ternary secret and error of standard deviation 3.2.
 */
public final class SecurityStandard
{
    private SecurityStandard()
    {
    }

    /** Largest total coefficient modulus bit count allowed at this N, or -1 if the table has no row. */
    public static int maxModulusBits128(final int polyDegree)
    {
        switch (polyDegree)
        {
            case 1024: return 27;
            case 2048: return 54;
            case 4096: return 109;
            case 8192: return 218;
            case 16384: return 438;
            case 32768: return 881;
            default: return -1;
        }
    }
}
