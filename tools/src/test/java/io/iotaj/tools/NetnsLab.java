package io.iotaj.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway network for tests: one namespace per participant, each joined by a veth pair to a bridge in a
 * switch namespace, addresses 10.77.0.N/24 that exist only inside these namespaces. Nothing in the host's own
 * namespace is touched. Needs root (CAP_NET_ADMIN) and iproute2; {@link #create} says why when it cannot.
 */
final class NetnsLab implements AutoCloseable
{
    private final String prefix = "ij" + (ProcessHandle.current().pid() % 100_000);
    private final List<String> namespaces = new ArrayList<>();
    private final String switchNs = prefix + "sw";

    private NetnsLab()
    {
    }

    /** The lab with {@code participants} namespaces, or an exception whose message is the reason it cannot exist. */
    static NetnsLab create(final int participants) throws IOException
    {
        final NetnsLab lab = new NetnsLab();
        try
        {
            lab.ip("netns", "add", lab.switchNs);
            lab.namespaces.add(lab.switchNs);
            lab.inSwitch("ip", "link", "add", "br0", "type", "bridge");
            lab.inSwitch("ip", "link", "set", "br0", "up");
            for (int i = 0; i < participants; i++)
            {
                lab.addParticipant(i);
            }
            return lab;
        }
        catch (final IOException ex)
        {
            lab.close();
            throw ex;
        }
    }

    private void addParticipant(final int i) throws IOException
    {
        final String ns = namespace(i);
        final String inside = prefix + "v" + i;
        final String outside = prefix + "b" + i;
        ip("netns", "add", ns);
        namespaces.add(ns);
        ip("link", "add", inside, "netns", ns, "type", "veth", "peer", "name", outside, "netns", switchNs);
        inSwitch("ip", "link", "set", outside, "master", "br0");
        inSwitch("ip", "link", "set", outside, "up");
        in(ns, "ip", "addr", "add", address(i) + "/24", "dev", inside);
        in(ns, "ip", "link", "set", inside, "up");
        in(ns, "ip", "link", "set", "lo", "up");
    }

    /** Adds loss and delay to every participant's link (both directions, as each end shapes what it sends). */
    void shape(final String lossPercent, final String delay) throws IOException
    {
        for (int i = 0; i < namespaces.size() - 1; i++)
        {
            in(namespace(i), "tc", "qdisc", "add", "dev", prefix + "v" + i, "root", "netem", "loss", lossPercent,
                "delay", delay);
        }
    }

    String namespace(final int i)
    {
        return prefix + "p" + i;
    }

    static String address(final int i)
    {
        return "10.77.0." + (i + 1);
    }

    /** The command prefix that runs a process inside participant i's namespace. */
    List<String> exec(final int i)
    {
        return List.of("ip", "netns", "exec", namespace(i));
    }

    private void inSwitch(final String... command) throws IOException
    {
        in(switchNs, command);
    }

    private void in(final String ns, final String... command) throws IOException
    {
        final List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        run(full);
    }

    private void ip(final String... args) throws IOException
    {
        final List<String> full = new ArrayList<>(List.of("ip"));
        full.addAll(List.of(args));
        run(full);
    }

    private static void run(final List<String> command) throws IOException
    {
        final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try
        {
            if (!p.waitFor(20, TimeUnit.SECONDS))
            {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": no answer in 20 s");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
        if (p.exitValue() != 0)
        {
            final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            throw new IOException(String.join(" ", command) + ": " + output);
        }
    }

    @Override
    public void close()
    {
        for (int i = namespaces.size() - 1; i >= 0; i--)
        {
            try
            {
                run(List.of("ip", "netns", "del", namespaces.get(i)));
            }
            catch (final IOException ex)
            {
                System.out.println("netns lab: could not remove " + namespaces.get(i) + ": " + ex.getMessage());
            }
        }
        namespaces.clear();
    }
}
