package io.iotaj.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code iotaj} command line. Each subcommand is its own class; this one only wires them up
 * and turns failures into one-line errors (exit 2 for bad input, 1 for anything else).
 */
@Command(
    name = "iotaj",
    mixinStandardHelpOptions = true,
    version = "iotaj 0.1.0",
    description = "IOTA-J: incentivised orchestrated training and encrypted split inference.",
    subcommands = {
        BenchCommand.class,
        ReferenceCheckCommand.class,
        ReplayCommand.class,
        ProfileTransportCommand.class,
        TrainCommand.class,
        DemoCommand.class,
        OrchestratorCommand.class,
        MinerCommand.class,
        ValidatorCommand.class,
        ScoresCommand.class,
        ClaspSimCommand.class,
        HeInferCommand.class,
    })
public final class Iotaj implements Runnable
{
    @Override
    public void run()
    {
        new CommandLine(this).usage(System.out);
    }

    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int execute(final String... args)
    {
        final boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        final CommandLine cmd = new CommandLine(new Iotaj());
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
        {
            if (verbose)
            {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().println("iotaj: " + describe(ex));
            return isBadInput(ex) ? 2 : 1;
        });
        return cmd.execute(args);
    }

    private static boolean isBadInput(final Throwable ex)
    {
        return ex instanceof IllegalArgumentException || ex instanceof IOException ||
            ex instanceof UncheckedIOException;
    }

    private static String describe(final Throwable ex)
    {
        final String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
    }
}
