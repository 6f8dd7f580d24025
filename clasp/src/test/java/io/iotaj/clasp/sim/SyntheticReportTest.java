package io.iotaj.clasp.sim;

import io.iotaj.clasp.ClaspEstimators;
import io.iotaj.codecs.json.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The headline synthetic run: 4 stages x 8 replicas, 2,000 samples, adversaries noise:2,lazy:1,stale:1,pair:1,
 * over ten seeds. Prints one JSON line per estimator with the means over seeds (the README table) and
 * checks them against floors well below what they reach, so a regression fails loudly.
 */
class SyntheticReportTest
{
    private static final int SEEDS = 10;
    private static final String MIX = "noise:2,lazy:1,stale:1,pair:1";

    @Test
    void reportsDetectionAndAttributionMetrics()
    {
        final Map<String, Map<String, List<Double>>> metrics = new LinkedHashMap<>();
        final Map<String, Map<String, List<Integer>>> toFlag = new LinkedHashMap<>();
        for (long seed = 1; seed <= SEEDS; seed++)
        {
            final SyntheticSwarm swarm = new SyntheticSwarm(
                new SwarmSettings().seed(seed).adversaries(AdversaryMix.parse(MIX)));
            final SyntheticEvaluation evaluation = new SyntheticEvaluation(swarm);
            for (final String name : ClaspEstimators.NAMES)
            {
                final Map<String, Object> result = evaluation.evaluate(
                    ClaspEstimators.byName(name), ClaspEstimators.detector(), 100);
                final Map<String, List<Double>> m = metrics.computeIfAbsent(name, k -> new LinkedHashMap<>());
                for (final String key : List.of(
                    "auc", "precision", "recall", "false_positive_rate", "spearman", "estimate_ms"))
                {
                    final Object value = result.get(key);
                    if (value instanceof Number && Double.isFinite(((Number)value).doubleValue()))
                    {
                        m.computeIfAbsent(key, k -> new ArrayList<>()).add(((Number)value).doubleValue());
                    }
                }
                m.computeIfAbsent("planted_pair_flagged", k -> new ArrayList<>())
                    .add(Boolean.TRUE.equals(result.get("planted_pair_flagged")) ? 1.0 : 0.0);
                @SuppressWarnings("unchecked")
                final Map<String, Object> first = (Map<String, Object>)result.get("samples_to_flag");
                for (final Map.Entry<String, Object> e : first.entrySet())
                {
                    final String kind = e.getKey().substring(0, e.getKey().indexOf(':'));
                    toFlag.computeIfAbsent(name, k -> new LinkedHashMap<>())
                        .computeIfAbsent(kind, k -> new ArrayList<>())
                        .add(e.getValue() == null ? -1 : ((Number)e.getValue()).intValue());
                }
            }
        }
        final Map<String, Object> report = new LinkedHashMap<>();
        for (final String name : ClaspEstimators.NAMES)
        {
            final Map<String, Object> row = new LinkedHashMap<>();
            metrics.get(name).forEach((key, values) -> row.put(key, round(mean(values))));
            final Map<String, Object> flags = new LinkedHashMap<>();
            toFlag.get(name).forEach((kind, samples) -> flags.put(kind, summarise(samples)));
            row.put("samples_to_flag", flags);
            report.put(name, row);
        }
        System.out.println("synthetic " + MIX + " over " + SEEDS + " seeds: " + Json.write(report));

        for (final String name : ClaspEstimators.NAMES)
        {
            final Map<String, List<Double>> m = metrics.get(name);
            assertTrue(mean(m.get("auc")) > 0.85, name + " auc " + mean(m.get("auc")));
            assertTrue(mean(m.get("false_positive_rate")) < 0.02, name + " fpr");
            assertTrue(mean(m.get("spearman")) > 0.6, name + " spearman " + mean(m.get("spearman")));
        }
        assertTrue(mean(metrics.get("interaction").get("planted_pair_flagged")) >= 0.9,
            "the interaction-aware estimator flags the planted pair");
        assertTrue(mean(metrics.get("additive").get("spearman")) > mean(metrics.get("marginal").get("spearman")));
    }

    /** "median samples to first flag (flagged of planted)". */
    private static String summarise(final List<Integer> samples)
    {
        final List<Integer> flagged = new ArrayList<>();
        for (final int s : samples)
        {
            if (s >= 0)
            {
                flagged.add(s);
            }
        }
        Collections.sort(flagged);
        final String median = flagged.isEmpty() ? "never" : String.valueOf(flagged.get(flagged.size() / 2));
        return median + " (" + flagged.size() + "/" + samples.size() + ")";
    }

    private static double mean(final List<Double> values)
    {
        double sum = 0;
        for (final double v : values)
        {
            sum += v;
        }
        return values.isEmpty() ? Double.NaN : sum / values.size();
    }

    private static double round(final double v)
    {
        return Math.round(v * 1000) / 1000.0;
    }
}
