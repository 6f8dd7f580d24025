package io.iotaj.tools;

import io.iotaj.codecs.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code demo --processes}: every miner and the validator in its own JVM, talking UDP over loopback. */
class DemoProcessesTest
{
    @Test
    void aSwarmOfProcessesTrainsValidatesAndEvaluates(@TempDir final Path dir)
    {
        final CommandOutput run = CommandOutput.run("demo", "--processes", "--steps", "3", "--replicas", "2",
            "--validate", "1", "--eval-batches", "1", "--timeout", "300", "--run-dir", dir.toString(), "--json");
        assertEquals(0, run.exitCode, run.toString());
        final Map<String, Object> json = Json.parseObject(run.out.trim());
        assertEquals(3, ((Number)json.get("steps")).intValue());
        assertEquals(json.get("samples_dispatched"), json.get("samples_completed"));
        assertTrue(((Number)json.get("compression_ratio")).doubleValue() >= 128, "the wire bytes came from heartbeats");
        assertTrue(Double.isFinite(((Number)json.get("eval_loss")).doubleValue()), "evaluated on the saved weights");
        final List<?> miners = (List<?>)json.get("miners");
        assertEquals(4, miners.size());
        long passed = 0;
        for (final Object m : miners)
        {
            final Map<?, ?> miner = (Map<?, ?>)m;
            assertTrue(((Number)miner.get("forwards")).longValue() > 0, "every miner worked: " + miner);
            passed += ((Number)miner.get("validations_passed")).longValue();
            assertEquals(0L, ((Number)miner.get("validations_failed")).longValue(), "honest miners pass: " + miner);
        }
        assertTrue(passed > 0, "the validator process checked work");
        for (int id = 1; id <= 4; id++)
        {
            assertTrue(Files.isRegularFile(dir.resolve("weights").resolve("miner-" + id + ".safetensors")));
        }
    }

    @Test
    void aRunThatTimesOutSaysWhereEveryParticipantStood(@TempDir final Path dir)
    {
        final CommandOutput run = CommandOutput.run("demo", "--processes", "--steps", "100000", "--replicas", "2",
            "--validate", "0", "--timeout", "15", "--run-dir", dir.toString());
        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.contains("the swarm did not finish 100000 steps within 15 s"), run.err);
        assertTrue(run.err.contains("samples in flight") && run.err.contains("backwards since merge"),
            "the orchestrator's view of each miner: " + run.err);
        for (int id = 1; id <= 4; id++)
        {
            assertTrue(run.err.contains("miner-" + id + " (still running, stopped; last words: miner " + id +
                ": stopped while "), "miner " + id + " logs where it stood on SIGTERM: " + run.err);
        }
    }

    @Test
    void aStageThatLosesEveryMinerEndsTheRunAtOnce(@TempDir final Path dir)
    {
        final CommandOutput run = CommandOutput.run("demo", "--processes", "--steps", "100000", "--replicas", "1",
            "--validate", "0", "--heartbeat-timeout", "3", "--kill", "2@1", "--timeout", "600", "--run-dir",
            dir.toString());
        assertEquals(1, run.exitCode, run.toString());
        assertTrue(run.err.contains("the swarm cannot go on: stage ") && run.err.contains(" lost every miner (evicted [2])"),
            "ends on the dead end, not the timeout: " + run.err);
    }

    @Test
    void aMinerKilledWithSigkillIsEvictedAndTheRunCompletes(@TempDir final Path dir)
    {
        final CommandOutput run = CommandOutput.run("demo", "--processes", "--steps", "6", "--replicas", "2",
            "--validate", "0", "--eval-batches", "1", "--heartbeat-timeout", "3", "--kill", "3@2", "--timeout", "300",
            "--run-dir", dir.toString(), "--json");
        assertEquals(0, run.exitCode, run.toString());
        final Map<String, Object> json = Json.parseObject(run.out.trim());
        assertEquals(6, ((Number)json.get("steps")).intValue());
        assertEquals(List.of(3L), json.get("evicted"), run.err);
        assertEquals(json.get("samples_dispatched"), json.get("samples_completed"), "every dispatched sample counted once");
        assertTrue(Double.isFinite(((Number)json.get("eval_loss")).doubleValue()), "the survivors' weights evaluate");
        assertTrue(run.err.contains("miner-3 (exit"), "the killed process is reported: " + run.err);
        System.out.println("kill -9 drill: reissued " + json.get("reissued") + ", dispatched " +
            json.get("samples_dispatched"));
    }
}
