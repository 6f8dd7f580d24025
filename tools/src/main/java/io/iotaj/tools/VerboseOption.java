package io.iotaj.tools;

import picocli.CommandLine.Option;

/** {@code --verbose}: stack traces on errors (read by {@link Iotaj#execute} before parsing). */
public final class VerboseOption
{
    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;
}
