package io.iotaj.runtime.model;

import io.iotaj.codecs.json.Json;
import io.iotaj.codecs.json.JsonFields;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's shape, with the reference's field names (see shared/reference/iota_model.py).
 * Stages are contiguous half-open block ranges [from, to). One extension: {@code bottleneck_dim = 0}
 * means no bottleneck, so every block is a standard one and stage boundaries carry full-width (dim)
 * activations; it is the baseline that measures what compression costs.
 */
public record ModelConfig(
    int vocabSize, int dim, int nLayers, int nHeads, int nKvHeads, int ffnDim, int bottleneckDim, int maxSeqLen,
    double ropeTheta, float normEps, List<int[]> stages)
{
    /** The kind of each block, by its place in its stage. */
    public enum BlockKind
    {
        STANDARD, BOTTLENECK, RECEIVING
    }

    public ModelConfig
    {
        stages = List.copyOf(stages);
        validate(vocabSize, dim, nLayers, nHeads, nKvHeads, ffnDim, bottleneckDim, maxSeqLen, ropeTheta, normEps, stages);
    }

    public int headDim()
    {
        return dim / nHeads;
    }

    public int stageCount()
    {
        return stages.size();
    }

    public int stageFrom(final int stage)
    {
        return stages.get(stage)[0];
    }

    public int stageTo(final int stage)
    {
        return stages.get(stage)[1];
    }

    public boolean isFirst(final int stage)
    {
        return stage == 0;
    }

    public boolean isLast(final int stage)
    {
        return stage == stages.size() - 1;
    }

    /** True when stage boundaries carry the narrow bottleneck activation. */
    public boolean hasBottleneck()
    {
        return bottleneckDim > 0;
    }

    /** Width of the activation crossing a stage boundary: the bottleneck, or dim without one. */
    public int boundaryWidth()
    {
        return hasBottleneck() ? bottleneckDim : dim;
    }

    public BlockKind kind(final int layer)
    {
        if (layer < 0 || layer >= nLayers)
        {
            throw new IllegalArgumentException("layer " + layer + " is in no stage");
        }
        if (!hasBottleneck())
        {
            return BlockKind.STANDARD;
        }
        for (int s = 0; s < stages.size(); s++)
        {
            final int a = stageFrom(s), b = stageTo(s);
            if (layer >= a && layer < b)
            {
                if (s > 0 && layer == a)
                {
                    return BlockKind.RECEIVING;
                }
                if (s < stages.size() - 1 && layer == b - 1)
                {
                    return BlockKind.BOTTLENECK;
                }
                return BlockKind.STANDARD;
            }
        }
        throw new IllegalArgumentException("layer " + layer + " is in no stage");
    }

    /** The same model with another bottleneck width (0: none). */
    public ModelConfig withBottleneck(final int width)
    {
        return new ModelConfig(vocabSize, dim, nLayers, nHeads, nKvHeads, ffnDim, width, maxSeqLen, ropeTheta, normEps,
            stages);
    }

    /** The same model split into {@code k} stages of near-equal block counts. */
    public ModelConfig withEvenStages(final int k)
    {
        if (k < 1 || k > nLayers)
        {
            throw new IllegalArgumentException("cannot split " + nLayers + " blocks into " + k + " stages");
        }
        final List<int[]> split = new ArrayList<>();
        for (int s = 0; s < k; s++)
        {
            split.add(new int[]{s * nLayers / k, (s + 1) * nLayers / k});
        }
        return new ModelConfig(vocabSize, dim, nLayers, nHeads, nKvHeads, ffnDim, bottleneckDim, maxSeqLen, ropeTheta,
            normEps, split);
    }

    public static ModelConfig load(final Path path) throws IOException
    {
        final String text;
        try
        {
            text = Files.readString(path, StandardCharsets.UTF_8);
        }
        catch (final java.nio.charset.CharacterCodingException ex)
        {
            throw new IOException(path + ": not UTF-8 text");
        }
        try
        {
            return fromJson(new JsonFields(Json.parseObject(text), path.toString()));
        }
        catch (final IllegalArgumentException ex)
        {
            final String msg = ex.getMessage();
            throw new IllegalArgumentException(msg.startsWith(path.toString()) ? msg : path + ": " + msg, ex);
        }
    }

    public static ModelConfig fromJson(final JsonFields f)
    {
        final List<int[]> stages = new ArrayList<>();
        for (final Object o : f.list("stages"))
        {
            if (!(o instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof Long) ||
                !(pair.get(1) instanceof Long))
            {
                throw new IllegalArgumentException("\"stages\" must be a list of [from, to] integer pairs");
            }
            stages.add(new int[]{((Long)pair.get(0)).intValue(), ((Long)pair.get(1)).intValue()});
        }
        return new ModelConfig(
            f.intIn("vocab_size", 1, 1 << 24), f.intIn("dim", 1, 1 << 16), f.intIn("n_layers", 1, 4096),
            f.intIn("n_heads", 1, 4096), f.intIn("n_kv_heads", 1, 4096), f.intIn("ffn_dim", 1, 1 << 18),
            f.intIn("bottleneck_dim", 0, 1 << 16), f.intIn("max_seq_len", 1, 1 << 20), f.number("rope_theta"),
            (float)f.number("norm_eps"), stages);
    }

    public Map<String, Object> toJson()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("vocab_size", vocabSize);
        m.put("dim", dim);
        m.put("n_layers", nLayers);
        m.put("n_heads", nHeads);
        m.put("n_kv_heads", nKvHeads);
        m.put("ffn_dim", ffnDim);
        m.put("bottleneck_dim", bottleneckDim);
        m.put("max_seq_len", maxSeqLen);
        m.put("rope_theta", ropeTheta);
        m.put("norm_eps", (double)normEps);
        final List<Object> st = new ArrayList<>();
        for (final int[] s : stages)
        {
            st.add(List.of(s[0], s[1]));
        }
        m.put("stages", st);
        return m;
    }

    private static void validate(final int vocabSize, final int dim, final int nLayers, final int nHeads,
        final int nKvHeads, final int ffnDim, final int bottleneckDim, final int maxSeqLen, final double ropeTheta,
        final float normEps, final List<int[]> stages)
    {
        if (vocabSize < 1 || dim < 1 || nLayers < 1 || ffnDim < 1 || maxSeqLen < 1)
        {
            throw new IllegalArgumentException("vocab_size, dim, n_layers, ffn_dim and max_seq_len must be positive");
        }
        if (nHeads < 1 || nKvHeads < 1 || dim % nHeads != 0 || nHeads % nKvHeads != 0)
        {
            throw new IllegalArgumentException("dim (" + dim + ") must divide by n_heads (" + nHeads +
                ") and n_heads by n_kv_heads (" + nKvHeads + ")");
        }
        if ((dim / nHeads) % 2 != 0)
        {
            throw new IllegalArgumentException("head dim " + dim / nHeads + " must be even for RoPE");
        }
        if (bottleneckDim < 0 || bottleneckDim > dim)
        {
            throw new IllegalArgumentException("bottleneck_dim must be in [0, dim] (0: no bottleneck)");
        }
        if (!(ropeTheta > 0) || !(normEps > 0))
        {
            throw new IllegalArgumentException("rope_theta and norm_eps must be positive");
        }
        if (stages.isEmpty() || stages.get(0)[0] != 0 || stages.get(stages.size() - 1)[1] != nLayers)
        {
            throw new IllegalArgumentException("stages must start at block 0 and end at n_layers (" + nLayers + ")");
        }
        for (int i = 0; i < stages.size(); i++)
        {
            final int[] s = stages.get(i);
            if (i > 0 && stages.get(i - 1)[1] != s[0])
            {
                throw new IllegalArgumentException("stages must be contiguous");
            }
            final int need = bottleneckDim == 0 ? 1 : (i > 0 ? 1 : 0) + (i < stages.size() - 1 ? 1 : 0);
            if (s[1] - s[0] < Math.max(1, need))
            {
                throw new IllegalArgumentException("stage " + i + " needs at least " + Math.max(1, need) +
                    " blocks (a middle stage needs a receiving and a bottleneck block)");
            }
        }
    }
}
