package io.iotaj.runtime.swarm;

import io.iotaj.codecs.json.Json;
import io.iotaj.codecs.json.JsonFields;
import io.iotaj.kernels.AdamWConfig;
import io.iotaj.runtime.data.DataSpec;
import io.iotaj.runtime.model.ModelConfig;
import io.iotaj.runtime.train.LrSchedule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run as the orchestrator announces it to participants in other processes ({@code RunConfig}): the swarm's
 * settings and where its data comes from, as one JSON object.
 */
public record RunPlan(SwarmSettings settings, DataSpec data)
{
    public String toJson()
    {
        final SwarmSettings s = settings;
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", s.model().toJson());
        m.put("stages", s.stages());
        m.put("replicas", s.replicas());
        m.put("steps", s.steps());
        m.put("batch", s.batch());
        m.put("seq", s.seq());
        m.put("seed", s.seed());
        m.put("compression", s.compression().name());
        m.put("slots", s.minerSlots());
        m.put("adamw", Map.of("lr", (double)s.adamw().lr(), "beta1", (double)s.adamw().beta1(),
            "beta2", (double)s.adamw().beta2(), "eps", (double)s.adamw().eps(), "weight_decay", (double)s.adamw().weightDecay()));
        m.put("schedule", Map.of("peak", s.schedule().peak(), "warmup", s.schedule().warmupSteps(),
            "total", s.schedule().totalSteps(), "min_fraction", s.schedule().minFraction()));
        m.put("clip", s.clipNorm());
        m.put("backwards_to_merge", s.backwardsToMerge());
        m.put("merge_share", s.mergeShare());
        m.put("heartbeat_timeout_ms", s.heartbeatTimeoutMs());
        m.put("sample_timeout_ms", s.sampleTimeoutMs());
        m.put("merge_timeout_ms", s.mergeTimeoutMs());
        m.put("run_id", s.runId());
        final Validation v = s.validation();
        m.put("validation", Map.of("share", v.share(), "min_magnitude_ratio", v.check().minMagnitudeRatio(),
            "min_cosine", v.check().minCosine(), "min_weight_cosine", v.minWeightCosine(),
            "evidence_timeout_ms", v.evidenceTimeoutMs()));
        if (data.path() != null)
        {
            m.put("data", Map.of("path", data.path(), "bytes", data.bytes()));
        }
        return Json.write(m);
    }

    /** Parses a plan; anything missing, mistyped or out of range is an {@link IllegalArgumentException}. */
    public static RunPlan fromJson(final String json)
    {
        final JsonFields f = new JsonFields(Json.parseObject(json), "run config");
        final JsonFields a = f.object("adamw");
        final JsonFields sc = f.object("schedule");
        final JsonFields v = f.object("validation");
        final SwarmSettings settings = new SwarmSettings(ModelConfig.fromJson(f.object("model")),
            f.intIn("stages", 1, 1024), f.intIn("replicas", 1, 1024), f.intIn("steps", 1, Integer.MAX_VALUE),
            f.intIn("batch", 1, 1 << 16), f.intIn("seq", 1, 1 << 20), f.integer("seed"),
            Compression.valueOf(f.string("compression")), f.intIn("slots", 1, 1024),
            new AdamWConfig((float)a.number("lr"), (float)a.number("beta1"), (float)a.number("beta2"),
                (float)a.number("eps"), (float)a.number("weight_decay")),
            new LrSchedule(sc.number("peak"), sc.intIn("warmup", 0, Integer.MAX_VALUE),
                sc.intIn("total", 1, Integer.MAX_VALUE), sc.number("min_fraction")),
            f.number("clip"), f.intIn("backwards_to_merge", 1, 1 << 20), f.number("merge_share"),
            f.integer("heartbeat_timeout_ms"), f.integer("sample_timeout_ms"), f.integer("merge_timeout_ms"),
            f.integer("run_id"),
            new Validation(v.number("share"), new ValidationCheck(v.number("min_magnitude_ratio"), v.number("min_cosine")),
                v.number("min_weight_cosine"), v.integer("evidence_timeout_ms")));
        final DataSpec data = f.has("data") ?
            new DataSpec(f.object("data").string("path"), f.object("data").integer("bytes")) : DataSpec.GENERATED;
        return new RunPlan(settings, data);
    }
}
