package io.iotaj.bench.kernels;

import io.iotaj.codecs.json.Json;
import io.iotaj.runtime.model.ModelConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelBenchTest
{
    private static final ModelConfig TINY = new ModelConfig(32, 32, 6, 4, 2, 48, 4, 16, 10000.0, 1e-5f,
        List.of(new int[]{0, 2}, new int[]{2, 4}, new int[]{4, 6}));

    @Test
    void jsonCarriesEveryDocumentedKeyWithMeasuredValues()
    {
        final List<GemmCase> gemms = List.of(new GemmCase(40, 24, 16, false, true), new GemmCase(7, 9, 5, true, false));
        final KernelBench.Report report =
            new KernelBench(new KernelBench.Settings(gemms, TINY, 1, 2, 8, 0.01), line -> { }).run();

        final Map<String, Object> json = Json.parseObject(Json.write(report));
        assertTrue(((Number)json.get("peak_gflops")).doubleValue() > 0);
        final List<?> gemmList = (List<?>)json.get("gemm");
        assertEquals(2, gemmList.size());
        final Map<?, ?> first = (Map<?, ?>)gemmList.get(0);
        assertEquals(40L, first.get("m"));
        assertEquals(24L, first.get("n"));
        assertEquals(16L, first.get("k"));
        assertEquals("NT", first.get("op"));
        assertTrue(((Number)first.get("gflops")).doubleValue() > 0);
        final double peak = ((Number)json.get("peak_gflops")).doubleValue();
        assertEquals(((Number)first.get("gflops")).doubleValue() / peak,
            ((Number)first.get("fraction_of_peak")).doubleValue(), 1e-3);
        assertTrue(((Number)first.get("gflops_median")).doubleValue() > 0);
        assertTrue(((Number)first.get("gflops_cpu")).doubleValue() > 0, "thread CPU time is readable on HotSpot");
        assertEquals("TN", ((Map<?, ?>)gemmList.get(1)).get("op"));
        assertTrue(((Number)json.get("stage_fwd_bwd_ms")).doubleValue() > 0);
        assertTrue(((Number)json.get("stage_tokens_per_s")).doubleValue() > 0);
        assertEquals(8L, ((Map<?, ?>)json.get("stage_shape")).get("seq"));
        assertTrue(report.table().contains("weight grad dW = dy^T x"));
    }

    @Test
    void withoutAStageTheStageKeysAreAbsent()
    {
        final KernelBench.Report report = new KernelBench(
            new KernelBench.Settings(List.of(new GemmCase(8, 8, 8, false, false)), null, 1, 1, 1, 0.01),
            line -> { }).run();
        final Map<String, Object> json = Json.parseObject(Json.write(report));
        assertFalse(json.containsKey("stage_fwd_bwd_ms"));
        assertFalse(report.table().contains("stage"));
    }

    @Test
    void progressIsReportedForEveryMeasurement()
    {
        final List<String> lines = new ArrayList<>();
        new KernelBench(new KernelBench.Settings(List.of(new GemmCase(8, 8, 8, false, false)), TINY, 1, 1, 4, 0.01),
            lines::add).run();
        assertEquals(3, lines.size(), lines.toString());
    }

    @Test
    void standardCasesAreTheIssueShapesInTheModelsThreeTransposes()
    {
        final List<GemmCase> cases = GemmCase.standard();
        assertEquals(9, cases.size());
        assertEquals(List.of("NT", "NN", "TN"), List.of(cases.get(0).op(), cases.get(1).op(), cases.get(2).op()));
        assertEquals(new GemmCase(2048, 512, 1376, true, false), cases.get(8));
        assertThrows(IllegalArgumentException.class, () -> new GemmCase(0, 1, 1, false, false));
    }

    @Test
    void theStageMustBeABodyStage()
    {
        assertThrows(IllegalArgumentException.class, () -> new KernelBench(
            new KernelBench.Settings(List.of(), TINY, 0, 1, 4, 0.01), line -> { }).run());
    }
}
