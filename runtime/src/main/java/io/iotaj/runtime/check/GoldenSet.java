package io.iotaj.runtime.check;

import io.iotaj.codecs.json.Json;
import io.iotaj.codecs.json.JsonFields;
import io.iotaj.kernels.AdamWConfig;
import io.iotaj.runtime.checkpoint.Safetensors;
import io.iotaj.runtime.model.ModelConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A golden directory written by shared/reference/make_golden.py: config, weights, batch, expected tensors. */
public record GoldenSet(ModelConfig config, int batch, int seqLen, AdamWConfig adamw,
    Map<String, Safetensors.Entry> weights, int[] tokens, int[] targets, Map<String, Safetensors.Entry> expected)
{
    public static GoldenSet load(final Path dir) throws IOException
    {
        if (!Files.isDirectory(dir))
        {
            throw new IOException(dir + ": not a directory");
        }
        final Path cfgPath = dir.resolve("config.json");
        if (!Files.isRegularFile(cfgPath))
        {
            throw new IOException(cfgPath + ": no such file");
        }
        final JsonFields f;
        try
        {
            f = new JsonFields(Json.parseObject(Files.readString(cfgPath, StandardCharsets.UTF_8)), cfgPath.toString());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(cfgPath + ": " + ex.getMessage(), ex);
        }
        final ModelConfig config = ModelConfig.load(cfgPath);
        final JsonFields a = f.object("adamw");
        final AdamWConfig hp = new AdamWConfig((float)a.number("lr"), (float)a.number("beta1"), (float)a.number("beta2"),
            (float)a.number("eps"), (float)a.number("weight_decay"));
        final int batch = f.intIn("batch", 1, 1 << 16);
        final int seqLen = f.intIn("seq_len", 1, config.maxSeqLen());
        final Map<String, Safetensors.Entry> batchFile = Safetensors.read(dir.resolve("batch.safetensors"));
        final int[] tokens = intTensor(batchFile, "tokens", batch * seqLen, dir.resolve("batch.safetensors"));
        final int[] targets = intTensor(batchFile, "targets", batch * seqLen, dir.resolve("batch.safetensors"));
        return new GoldenSet(config, batch, seqLen, hp, Safetensors.read(dir.resolve("weights.safetensors")), tokens,
            targets, Safetensors.read(dir.resolve("expected.safetensors")));
    }

    public Map<String, float[]> weightValues()
    {
        final Map<String, float[]> out = new LinkedHashMap<>();
        weights.forEach((k, v) -> out.put(k, v.f32()));
        return out;
    }

    public Map<String, int[]> weightShapes()
    {
        final Map<String, int[]> out = new LinkedHashMap<>();
        weights.forEach((k, v) -> out.put(k, v.shape()));
        return out;
    }

    /** An expected tensor as floats (int tensors converted), or null when absent. */
    public float[] expectedFloats(final String name)
    {
        final Safetensors.Entry e = expected.get(name);
        if (e == null)
        {
            return null;
        }
        if (e.f32() != null)
        {
            return e.f32();
        }
        final float[] out = new float[e.i32().length];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = e.i32()[i];
        }
        return out;
    }

    private static int[] intTensor(final Map<String, Safetensors.Entry> file, final String name, final int count,
        final Path where)
    {
        final Safetensors.Entry e = file.get(name);
        if (e == null || e.i32() == null || e.i32().length != count)
        {
            throw new IllegalArgumentException(where + ": needs an I32 tensor \"" + name + "\" of " + count + " elements");
        }
        return e.i32();
    }
}
