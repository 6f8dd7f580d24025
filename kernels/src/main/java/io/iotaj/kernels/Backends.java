package io.iotaj.kernels;

import io.iotaj.kernels.cpu.CpuBackend;

/**
 * Chooses a backend by name. {@code auto} picks CUDA when a device initialises, else CPU; the CUDA
 * backend is not part of this build yet, so {@code auto} is CPU and {@code cuda} says why it is absent.
 */
public final class Backends
{
    private Backends()
    {
    }

    public static Backend create(final String name)
    {
        switch (name)
        {
            case "cpu":
            case "auto":
                return new CpuBackend();
            case "cuda":
                throw new IllegalArgumentException("CUDA backend unavailable: this build has no CUDA kernels yet");
            default:
                throw new IllegalArgumentException("unknown backend '" + name + "' (expected cpu, cuda or auto)");
        }
    }
}
