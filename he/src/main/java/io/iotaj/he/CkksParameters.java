package io.iotaj.he;

import java.util.Arrays;

/**
 * An RNS-CKKS parameter set: ring degree N, the coefficient modulus as prime bit sizes (the last one is
 * the special prime used only for key switching) and the default scale. Construction refuses sets
 * weaker than 128-bit security by the HE standard's table.
 */
public final class CkksParameters
{
    private final String name;
    private final int polyDegree;
    private final int[] bitSizes;
    private final int logScale;

    public CkksParameters(final String name, final int polyDegree, final int[] bitSizes, final int logScale)
    {
        if (Integer.bitCount(polyDegree) != 1 || polyDegree < 1024 || polyDegree > 32768)
        {
            throw new IllegalArgumentException("N must be a power of two in [1024, 32768]: " + polyDegree);
        }
        if (bitSizes.length < 2)
        {
            throw new IllegalArgumentException("need at least one data prime and the special prime");
        }
        int total = 0;
        for (final int bits : bitSizes)
        {
            if (bits < 17 || bits > 60)
            {
                throw new IllegalArgumentException("prime bit sizes must be in [17, 60]: " + bits);
            }
            total += bits;
        }
        final int allowed = SecurityStandard.maxModulusBits128(polyDegree);
        if (total > allowed)
        {
            throw new IllegalArgumentException("parameter set " + name + " has a " + total +
                "-bit coefficient modulus; the HE standard allows at most " + allowed + " bits at N=" +
                polyDegree + " for 128-bit security");
        }
        if (logScale < 10 || logScale >= bitSizes[0])
        {
            throw new IllegalArgumentException("scale 2^" + logScale + " must be below the first prime (" +
                bitSizes[0] + " bits)");
        }
        this.name = name;
        this.polyDegree = polyDegree;
        this.bitSizes = bitSizes.clone();
        this.logScale = logScale;
    }

    /** The paper's conv2 split: N=8192, [31,26,26,26,31], scale 2^26 (three rescales). */
    public static CkksParameters conv2Split()
    {
        return new CkksParameters("conv2", 8192, new int[]{31, 26, 26, 26, 31}, 26);
    }

    /** The paper's fc1 split: N=8192, [31,26,31], scale 2^26 (one rescale). */
    public static CkksParameters fc1Split()
    {
        return new CkksParameters("fc1", 8192, new int[]{31, 26, 31}, 26);
    }

    /** A precise set: N=8192, [60,40,40,60], scale 2^40. */
    public static CkksParameters precise()
    {
        return new CkksParameters("precise", 8192, new int[]{60, 40, 40, 60}, 40);
    }

    public String name()
    {
        return name;
    }

    public int polyDegree()
    {
        return polyDegree;
    }

    public int slots()
    {
        return polyDegree / 2;
    }

    public int[] bitSizes()
    {
        return bitSizes.clone();
    }

    public int logScale()
    {
        return logScale;
    }

    public double scale()
    {
        return Math.scalb(1.0, logScale);
    }

    @Override
    public String toString()
    {
        return name + "(N=" + polyDegree + ", q=" + Arrays.toString(bitSizes) + ", scale=2^" + logScale + ")";
    }
}
