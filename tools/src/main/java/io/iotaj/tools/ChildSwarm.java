package io.iotaj.tools;

import io.iotaj.transport.Endpoint;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code demo --processes}: the miners and the validator as child JVMs of this one, each running
 * {@code iotaj miner} or {@code iotaj validator} against the orchestrator in this process over loopback UDP.
 * Each child's output goes to a log file; whatever is still running at close is killed.
 */
final class ChildSwarm implements AutoCloseable
{
    private static final long TERM_GRACE_MS = 5_000;

    private final Map<String, Process> children = new LinkedHashMap<>();
    private final Path logDir;

    ChildSwarm(final Path logDir) throws IOException
    {
        this.logDir = Files.createDirectories(logDir);
    }

    void startMiner(final Endpoint orchestrator, final int id, final Path weightsDir, final String backend,
        final String behaviour) throws IOException
    {
        start("miner-" + id, List.of("miner", "--orchestrator", orchestrator.toString(), "--id", Integer.toString(id),
            "--save", weightsDir.toString(), "--backend", backend, "--behave", behaviour));
    }

    void startValidator(final Endpoint orchestrator, final String backend) throws IOException
    {
        start("validator", List.of("validator", "--orchestrator", orchestrator.toString(), "--backend", backend));
    }

    private void start(final String name, final List<String> args) throws IOException
    {
        start(name, List.of(), args);
    }

    /**
     * Starts {@code iotaj ARGS} as a child JVM named {@code name}, its command line prefixed by {@code wrapper}
     * (e.g. {@code ip netns exec NS}).
     */
    void start(final String name, final List<String> wrapper, final List<String> args) throws IOException
    {
        final List<String> command = new ArrayList<>(wrapper);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(inheritedJvmOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Iotaj.class.getName());
        command.addAll(args);
        final File log = logDir.resolve(name + ".log").toFile();
        children.put(name, new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log)).start());
    }

    /** The module and system-property flags this JVM runs with, which the stack needs in the children too. */
    private static List<String> inheritedJvmOptions()
    {
        final List<String> options = new ArrayList<>();
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-D") || arg.startsWith("--sun-misc") ||
                arg.startsWith("--enable-native-access"))
            {
                options.add(arg);
            }
        }
        return options;
    }

    /** The child's process, or null. */
    Process process(final String name)
    {
        return children.get(name);
    }

    /** Kills a miner's process outright (SIGKILL, as {@code kill -9}): no shutdown hook, no goodbye. */
    boolean killMiner(final int id)
    {
        final Process p = children.get("miner-" + id);
        if (p == null || !p.isAlive())
        {
            return false;
        }
        p.destroyForcibly();
        return true;
    }

    /** Waits up to {@code timeoutMs} for every child to exit; returns the names of those that exited non-zero or were killed. */
    List<String> awaitExit(final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final List<String> failed = new ArrayList<>();
        for (final Map.Entry<String, Process> e : children.entrySet())
        {
            final long left = Math.max(0, deadline - System.nanoTime());
            if (!e.getValue().waitFor(left, TimeUnit.NANOSECONDS))
            {
                stop(e.getValue());
                failed.add(e.getKey() + " (still running, stopped; last words: " + lastLogLine(e.getKey()) + ")");
            }
            else if (e.getValue().exitValue() != 0)
            {
                failed.add(e.getKey() + " (exit " + e.getValue().exitValue() + ")");
            }
        }
        return failed;
    }

    /** SIGTERM first, so that the child can log where it stood, then SIGKILL if it lingers. */
    private static void stop(final Process p) throws InterruptedException
    {
        p.destroy();
        if (!p.waitFor(TERM_GRACE_MS, TimeUnit.MILLISECONDS))
        {
            p.destroyForcibly();
        }
    }

    /** The last line a child wrote to its log, or a note saying why there is none. */
    private String lastLogLine(final String name)
    {
        try
        {
            final List<String> lines = Files.readAllLines(logDir.resolve(name + ".log"));
            for (int i = lines.size() - 1; i >= 0; i--)
            {
                if (!lines.get(i).isBlank())
                {
                    return lines.get(i).strip();
                }
            }
            return "an empty log";
        }
        catch (final IOException ex)
        {
            return "log unreadable: " + ex.getMessage();
        }
    }

    Path logDir()
    {
        return logDir;
    }

    @Override
    public void close()
    {
        children.values().forEach(Process::destroyForcibly);
    }
}
