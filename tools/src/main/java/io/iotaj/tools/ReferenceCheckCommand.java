package io.iotaj.tools;

import io.iotaj.kernels.Backend;
import io.iotaj.runtime.check.Comparison;
import io.iotaj.runtime.check.GoldenSet;
import io.iotaj.runtime.check.ReferenceCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code iotaj reference-check --golden DIR}: proves the Java model against PyTorch golden tensors. */
@Command(name = "reference-check", mixinStandardHelpOptions = true,
    description = "Run every stage forward and backward as separate stages and compare with a golden directory.")
public final class ReferenceCheckCommand implements Callable<Integer>
{
    @Option(names = "--golden", required = true, description = "Golden directory (config.json, weights, batch, expected).")
    private Path golden;

    @Mixin
    private BackendOption backendOption;

    @Mixin
    private VerboseOption verbose;

    @Override
    public Integer call() throws Exception
    {
        final GoldenSet set = GoldenSet.load(golden);
        try (Backend backend = backendOption.create())
        {
            final List<Comparison> results = new ReferenceCheck(backend, set).run();
            int failed = 0;
            for (final Comparison c : results)
            {
                System.out.println(c.line());
                failed += c.passed() ? 0 : 1;
            }
            System.out.println(failed == 0 ? "reference-check: PASS (" + results.size() + " tensors, backend " +
                backend.name() + ")" : "reference-check: FAIL (" + failed + " of " + results.size() + " tensors)");
            return failed == 0 ? 0 : 1;
        }
    }
}
