package io.iotaj.runtime;

import io.iotaj.kernels.cpu.CpuBackend;
import io.iotaj.runtime.check.Comparison;
import io.iotaj.runtime.check.GoldenSet;
import io.iotaj.runtime.check.ReferenceCheck;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java model against PyTorch golden tensors: the shared tiny-2stage set (skipped when ../shared is
 * absent) and two sets committed with the tests (3 stages with GQA ratio 3 and rope theta 500; 4 stages,
 * plain multi-head attention, vocab 97, theta 1e6), all made by shared/reference/make_golden.py.
 */
class GoldenReferenceTest
{
    @ParameterizedTest
    @ValueSource(strings = {"shared:golden/tiny-2stage", "test:golden/three-stage-gqa3", "test:golden/four-stage-mha"})
    void everyTensorWithinTolerance(final String location) throws Exception
    {
        final Path dir = TestData.resolve(location);
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir), () -> "skipped: " + location + " not found " +
            "(set -Diotaj.shared.dir to the shared folder)");
        final List<Comparison> results = new ReferenceCheck(new CpuBackend(), GoldenSet.load(dir)).run();
        assertFalse(results.isEmpty());
        final StringBuilder failures = new StringBuilder();
        for (final Comparison c : results)
        {
            if (!c.passed())
            {
                failures.append(c.line()).append('\n');
            }
        }
        assertTrue(failures.length() == 0, failures::toString);
        assertTrue(results.stream().anyMatch(c -> c.name().startsWith("train_losses[9]")), "ten training losses checked");
    }
}
