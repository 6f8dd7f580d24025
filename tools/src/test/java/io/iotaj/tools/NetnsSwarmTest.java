package io.iotaj.tools;

import io.iotaj.codecs.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The swarm across network namespaces: the orchestrator and each miner in its own namespace, on addresses that
 * exist only there, over real (virtual) links; once as they are, once with {@code tc netem} adding 2% loss and
 * 5 ms delay. Skips, saying why, where namespaces or netem are not available.
 */
class NetnsSwarmTest
{
    private static final int MINERS = 4;
    private static final int STEPS = 3;
    private static final int PORT = 40123;

    @Test
    void trainsAcrossNetworkNamespaces(@TempDir final Path dir) throws Exception
    {
        try (NetnsLab lab = lab())
        {
            trainIn(lab, dir);
        }
    }

    @Test
    void trainsThroughTwoPercentLossAndFiveMillisecondsDelay(@TempDir final Path dir) throws Exception
    {
        try (NetnsLab lab = lab())
        {
            try
            {
                lab.shape("2%", "5ms");
            }
            catch (final IOException ex)
            {
                System.out.println("skipped: tc netem is not available here (" + ex.getMessage() + ")");
                assumeTrue(false, "tc netem unavailable: " + ex.getMessage());
            }
            trainIn(lab, dir);
        }
    }

    private static NetnsLab lab()
    {
        try
        {
            return NetnsLab.create(MINERS + 1);
        }
        catch (final IOException ex)
        {
            System.out.println("skipped: cannot create network namespaces here (" + ex.getMessage() + ")");
            assumeTrue(false, "no network namespaces: " + ex.getMessage());
            throw new IllegalStateException("unreachable");
        }
    }

    /** Participant 0 is the orchestrator, 1..4 the miners (2 stages x 2 replicas, no validator). */
    private static void trainIn(final NetnsLab lab, final Path dir) throws Exception
    {
        final String orchestrator = NetnsLab.address(0) + ":" + PORT;
        try (ChildSwarm swarm = new ChildSwarm(dir.resolve("logs")))
        {
            swarm.start("orchestrator", lab.exec(0), List.of("orchestrator", "--listen", orchestrator, "--stages", "2",
                "--replicas", "2", "--steps", Integer.toString(STEPS), "--validate", "0", "--eval-batches", "0",
                "--run-dir", dir.resolve("run").toString(), "--timeout", "300", "--json"));
            for (int id = 1; id <= MINERS; id++)
            {
                swarm.start("miner-" + id, lab.exec(id), List.of("miner", "--orchestrator", orchestrator, "--id",
                    Integer.toString(id)));
            }
            final Process o = swarm.process("orchestrator");
            assertTrue(o.waitFor(360, TimeUnit.SECONDS), "the orchestrator finished");
            final String log = Files.readString(dir.resolve("logs").resolve("orchestrator.log"), StandardCharsets.UTF_8);
            assertEquals(0, o.exitValue(), log);
            final String jsonLine = log.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
            final Map<String, Object> json = Json.parseObject(jsonLine);
            assertEquals(STEPS, ((Number)json.get("steps")).intValue());
            assertEquals(json.get("samples_dispatched"), json.get("samples_completed"));
            assertEquals(List.of(), json.get("evicted"));
            for (final Object m : (List<?>)json.get("miners"))
            {
                assertTrue(((Number)((Map<?, ?>)m).get("forwards")).longValue() > 0, "every miner worked: " + m);
            }
        }
    }
}
