package io.iotaj.runtime;

import io.iotaj.kernels.cpu.CpuBackend;
import io.iotaj.runtime.checkpoint.Checkpoints;
import io.iotaj.runtime.checkpoint.Safetensors;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.train.Pipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Malformed configs and safetensors files give one clear message naming the file and the problem. */
class BadInputTest
{
    @TempDir
    Path dir;

    private static final String GOOD = "{\"vocab_size\": 256, \"dim\": 16, \"n_layers\": 2, \"n_heads\": 2, " +
        "\"n_kv_heads\": 1, \"ffn_dim\": 24, \"bottleneck_dim\": 4, \"max_seq_len\": 16, \"rope_theta\": 10000.0, " +
        "\"norm_eps\": 1e-5, \"stages\": [[0, 1], [1, 2]]}";

    private String configError(final String text) throws Exception
    {
        final Path p = Files.writeString(dir.resolve("config.json"), text);
        return assertThrows(IllegalArgumentException.class, () -> ModelConfig.load(p)).getMessage();
    }

    @Test
    void malformedConfigs() throws Exception
    {
        assertNotNull(ModelConfig.load(Files.writeString(dir.resolve("ok.json"), GOOD)));
        assertTrue(configError("{\"dim\": ").contains("bad JSON"));
        assertTrue(configError(GOOD.replace("\"dim\": 16,", "")).contains("missing field \"dim\""));
        assertTrue(configError(GOOD.replace("\"n_heads\": 2", "\"n_heads\": 3")).contains("must divide"));
        assertTrue(configError(GOOD.replace("[[0, 1], [1, 2]]", "[[0, 1], [2, 2]]")).contains("contiguous"));
        assertTrue(configError(GOOD.replace("[[0, 1], [1, 2]]", "[[0, 1], [1, 3]]")).contains("end at n_layers"));
        assertTrue(configError(GOOD.replace("\"dim\": 16", "\"dim\": \"16\"")).contains("must be an integer"));
        for (final String msg : new String[]{configError("[]"), configError(GOOD.replace("\"dim\": 16", "\"dim\": -4"))})
        {
            assertTrue(msg.startsWith(dir.resolve("config.json").toString()), msg);
        }
    }

    private Path safetensors(final String name, final String header, final int dataBytes) throws Exception
    {
        final byte[] h = header.getBytes(StandardCharsets.UTF_8);
        final ByteBuffer buf = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length).put(h);
        return Files.write(dir.resolve(name), buf.array());
    }

    private String safetensorsError(final Path p)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Safetensors.read(p));
        assertTrue(ex.getMessage().startsWith(p.toString()), ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"));
        return ex.getMessage();
    }

    @Test
    void malformedSafetensors() throws Exception
    {
        final Path truncated = Files.write(dir.resolve("t.safetensors"), new byte[]{1, 2, 3});
        assertTrue(safetensorsError(truncated).contains("too short"));

        final Path pastEnd = dir.resolve("p.safetensors");
        Files.write(pastEnd, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array());
        assertTrue(safetensorsError(pastEnd).contains("past the end"));

        assertTrue(safetensorsError(safetensors("j.safetensors", "{\"a\":", 0)).contains("not a JSON object"));
        assertTrue(safetensorsError(safetensors("d.safetensors",
            "{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8)).contains("unsupported dtype F64"));
        assertTrue(safetensorsError(safetensors("s.safetensors",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8)).contains("needs 12 bytes"));
        assertTrue(safetensorsError(safetensors("o.safetensors",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8)).contains("outside"));
        assertTrue(safetensorsError(safetensors("v.safetensors",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2]," +
                "\"data_offsets\":[4,12]}}", 12)).contains("overlap"));
    }

    @Test
    void checkpointWithMissingOrExtraTensorIsRejected() throws Exception
    {
        final ModelConfig config = ModelConfig.load(Files.writeString(dir.resolve("ok.json"), GOOD));
        final CpuBackend be = new CpuBackend();
        final Pipeline pipe = new Pipeline(be, config);
        pipe.initialise(1);
        final Path full = dir.resolve("full.safetensors");
        Checkpoints.save(full, pipe.parameterGroups());

        final Map<String, Safetensors.Entry> entries = Safetensors.read(full);
        final Map<String, float[]> values = new java.util.LinkedHashMap<>();
        final Map<String, int[]> shapes = new java.util.LinkedHashMap<>();
        entries.forEach((k, e) -> { values.put(k, e.f32()); shapes.put(k, e.shape()); });

        values.remove("norm.weight");
        final Path missing = dir.resolve("missing.safetensors");
        Safetensors.writeF32(missing, values, shapes);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Checkpoints.load(missing, pipe.parameterGroups()))
            .getMessage().contains("missing tensor norm.weight"));

        values.put("norm.weight", new float[16]);
        values.put("extra.weight", new float[2]);
        shapes.put("extra.weight", new int[]{2});
        final Path extra = dir.resolve("extra.safetensors");
        Safetensors.writeF32(extra, values, shapes);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Checkpoints.load(extra, pipe.parameterGroups()))
            .getMessage().contains("unexpected tensor(s) [extra.weight]"));

        values.remove("extra.weight");
        shapes.put("norm.weight", new int[]{4, 4});
        final Path shaped = dir.resolve("shaped.safetensors");
        Safetensors.writeF32(shaped, values, shapes);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Checkpoints.load(shaped, pipe.parameterGroups()))
            .getMessage().contains("has shape [4, 4], expected [16]"));
    }
}
