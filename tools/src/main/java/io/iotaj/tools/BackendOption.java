package io.iotaj.tools;

import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Backends;
import picocli.CommandLine.Option;

/** {@code --backend cpu|cuda|auto} for every command that computes. */
public final class BackendOption
{
    @Option(names = "--backend", defaultValue = "auto", description = "cpu, cuda or auto (default: ${DEFAULT-VALUE}).")
    String backend;

    public Backend create()
    {
        return Backends.create(backend);
    }
}
