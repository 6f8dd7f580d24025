package io.iotaj.runtime.model;

import io.iotaj.kernels.Backend;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The named parameters of one stage (or a whole model), in canonical order. */
public final class Parameters
{
    private final Backend backend;
    private final Map<String, Parameter> byName = new LinkedHashMap<>();

    public Parameters(final Backend backend, final List<ParamNames.Spec> specs)
    {
        this.backend = backend;
        for (final ParamNames.Spec s : specs)
        {
            byName.put(s.name(), new Parameter(s.name(), s.shape(), backend.allocate(s.shape()), backend.allocate(s.shape())));
        }
    }

    private Parameters(final Backend backend)
    {
        this.backend = backend;
    }

    /** A view over several groups' parameters (the same tensors), in order. */
    public static Parameters union(final List<Parameters> groups)
    {
        final Parameters all = new Parameters(groups.get(0).backend);
        for (final Parameters g : groups)
        {
            all.byName.putAll(g.byName);
        }
        return all;
    }

    public Parameter get(final String name)
    {
        final Parameter p = byName.get(name);
        if (p == null)
        {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return p;
    }

    public Collection<Parameter> all()
    {
        return Collections.unmodifiableCollection(byName.values());
    }

    public long totalSize()
    {
        long n = 0;
        for (final Parameter p : byName.values())
        {
            n += p.size();
        }
        return n;
    }

    public void zeroGrads()
    {
        for (final Parameter p : byName.values())
        {
            backend.zero(p.grad());
        }
    }

    /**
     * The reference's initialisation: norm weights 1 + 0.1 N(0,1), others 0.02 N(0,1) (x4 for decoders).
     * Each parameter draws from its own stream seeded by (seed, name), so a miner can initialise its stage
     * alone and get the same numbers as a whole-model run.
     */
    public void initialise(final long seed)
    {
        for (final Parameter p : byName.values())
        {
            final Random rng = new Random(seed * 0x9E3779B97F4A7C15L ^ p.name().hashCode());
            final float[] w = new float[p.size()];
            final boolean norm = p.name().endsWith("norm.weight");
            final double sd = norm ? 0.1 : 0.02 * (p.name().contains("decoder") ? 4.0 : 1.0);
            for (int i = 0; i < w.length; i++)
            {
                w[i] = (float)((norm ? 1.0 : 0.0) + sd * rng.nextGaussian());
            }
            backend.write(w, p.value());
        }
    }

    /** Copies values from {@code source}; every parameter must be present with its exact shape. */
    public void load(final Map<String, float[]> source, final Map<String, int[]> shapes, final String where)
    {
        for (final Parameter p : byName.values())
        {
            final float[] data = source.get(p.name());
            if (data == null)
            {
                throw new IllegalArgumentException(where + ": missing tensor " + p.name());
            }
            if (!Arrays.equals(shapes.get(p.name()), p.shape()))
            {
                throw new IllegalArgumentException(where + ": tensor " + p.name() + " has shape " +
                    Arrays.toString(shapes.get(p.name())) + ", expected " + Arrays.toString(p.shape()));
            }
            backend.write(data, p.value());
        }
    }

    /** Values as host arrays, in canonical order. */
    public Map<String, float[]> values()
    {
        final Map<String, float[]> out = new LinkedHashMap<>();
        for (final Parameter p : byName.values())
        {
            final float[] w = new float[p.size()];
            backend.read(p.value(), w);
            out.put(p.name(), w);
        }
        return out;
    }

    /** Gradients as host arrays, in canonical order. */
    public Map<String, float[]> grads()
    {
        final Map<String, float[]> out = new LinkedHashMap<>();
        for (final Parameter p : byName.values())
        {
            final float[] g = new float[p.size()];
            backend.read(p.grad(), g);
            out.put(p.name(), g);
        }
        return out;
    }
}
