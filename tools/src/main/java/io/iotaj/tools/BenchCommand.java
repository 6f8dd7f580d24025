package io.iotaj.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code iotaj bench ...}: whole-system benchmarks that print a table, or one JSON line with --json. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks: kernels, transport, allreduce, swarm, he.",
    subcommands = {
        BenchKernelsCommand.class,
        BenchTransportCommand.class,
        BenchAllreduceCommand.class,
        BenchSwarmCommand.class,
        BenchHeCommand.class,
    })
public final class BenchCommand implements Runnable
{
    @Override
    public void run()
    {
        new CommandLine(this).usage(System.out);
    }
}
