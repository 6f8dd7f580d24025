package io.iotaj.runtime.checkpoint;

import io.iotaj.runtime.model.Parameter;
import io.iotaj.runtime.model.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Model checkpoints as safetensors with the reference's parameter names (loadable in PyTorch unchanged). */
public final class Checkpoints
{
    private Checkpoints()
    {
    }

    public static void save(final Path path, final List<Parameters> groups) throws IOException
    {
        final Map<String, float[]> values = new LinkedHashMap<>();
        final Map<String, int[]> shapes = new LinkedHashMap<>();
        for (final Parameters g : groups)
        {
            values.putAll(g.values());
            for (final Parameter p : g.all())
            {
                shapes.put(p.name(), p.shape());
            }
        }
        Safetensors.writeF32(path, values, shapes);
    }

    /** Loads every group's parameters; a missing, extra or mis-shaped tensor is an error naming the file. */
    public static void load(final Path path, final List<Parameters> groups) throws IOException
    {
        final Map<String, Safetensors.Entry> file = Safetensors.read(path);
        final Map<String, float[]> values = new LinkedHashMap<>();
        final Map<String, int[]> shapes = new LinkedHashMap<>();
        file.forEach((name, e) ->
        {
            if (e.f32() == null)
            {
                throw new IllegalArgumentException(path + ": tensor " + name + " is " + e.dtype() + ", expected F32");
            }
            values.put(name, e.f32());
            shapes.put(name, e.shape());
        });
        int expected = 0;
        for (final Parameters g : groups)
        {
            g.load(values, shapes, path.toString());
            expected += g.all().size();
        }
        if (values.size() != expected)
        {
            final java.util.Set<String> extra = new java.util.TreeSet<>(values.keySet());
            groups.forEach(g -> g.all().forEach(p -> extra.remove(p.name())));
            throw new IllegalArgumentException(path + ": unexpected tensor(s) " + extra + " for this model");
        }
    }
}
