package io.iotaj.kernels.cpu;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FmaPeakTest
{
    @Test
    void aShortRunReportsAPositiveFiniteRate()
    {
        final double gflops = FmaPeak.run(2, 10_000);
        assertTrue(gflops > 0 && Double.isFinite(gflops), "rate " + gflops);
    }

    @Test
    void chainsStayFiniteSoNoneIsDeadCode()
    {
        assertTrue(Float.isFinite(FmaPeak.chains(100_000)));
    }

    @Test
    void flopsPerIterationCountsTwoFlopsPerLanePerChain()
    {
        final int lanes = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        assertTrue(FmaPeak.flopsPerIteration() == 2.0 * lanes * 12);
    }

    @Test
    void rejectsNonPositiveArguments()
    {
        assertThrows(IllegalArgumentException.class, () -> FmaPeak.run(0, 10));
        assertThrows(IllegalArgumentException.class, () -> FmaPeak.run(1, 0));
        assertThrows(IllegalArgumentException.class, () -> FmaPeak.measure(1, 0.0));
    }
}
