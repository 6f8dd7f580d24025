package io.iotaj.he.flow;

import io.iotaj.he.CkksContext;
import io.iotaj.he.CkksParameters;
import io.iotaj.he.linear.MatVecMethod;
import io.iotaj.he.mnist.IdxDataset;
import io.iotaj.he.mnist.SplitNet;
import io.iotaj.he.mnist.SplitPoint;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs the Syft flow in one process: the model owner serves on its own thread, the data owner encrypts
 * each test image's activation, and the decrypted logits are compared with the plaintext network.
 */
public final class SplitInference
{
    private static final long RECEIVE_TIMEOUT_MS = 600_000;

    private SplitInference()
    {
    }

    /** The parameter set the paper uses for a split. */
    public static CkksParameters parametersFor(final SplitPoint split)
    {
        return split == SplitPoint.CONV2 ? CkksParameters.conv2Split() : CkksParameters.fc1Split();
    }

    public static InferenceReport run(
        final SplitNet net, final IdxDataset test, final SplitPoint split, final MatVecMethod method, final int limit,
        final SecureRandom random, final Consumer<String> log) throws InterruptedException
    {
        final CkksContext ctx = new CkksContext(parametersFor(split));
        final ModelOwner modelOwner = new ModelOwner(ctx, net, split, method);
        final DataOwner dataOwner = new DataOwner(ctx, net, split, random);
        final InProcessChannel[] ends = InProcessChannel.pair(RECEIVE_TIMEOUT_MS);
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        final Thread server = new Thread(() ->
        {
            try
            {
                modelOwner.serve(ends[1]);
            }
            catch (final RuntimeException ex)
            {
                failure.set(ex);
                ends[1].close();
            }
        }, "he-model-owner");
        server.setDaemon(true);
        server.start();

        final InferenceReport.Builder report = new InferenceReport.Builder(ctx.parameters(), split, method);
        try
        {
            dataOwner.connect(ends[0]);
            final int count = Math.min(limit, test.size());
            for (int i = 0; i < count; i++)
            {
                final double[] encrypted = dataOwner.infer(test.image(i), ends[0]);
                final double[] plain = net.head(net.features(test.image(i), split), split);
                report.image(test.label(i), plain, encrypted);
                if ((i + 1) % 100 == 0 || i + 1 == count)
                {
                    log.accept(String.format("he: %d/%d images, eval %.3f s/image, %s", i + 1, count,
                        modelOwner.evalSecondsPerImage(), report.progress()));
                }
            }
            dataOwner.finish(ends[0]);
            server.join(RECEIVE_TIMEOUT_MS);
        }
        catch (final IllegalStateException ex)
        {
            final RuntimeException cause = failure.get();
            throw cause != null ? new IllegalStateException("model owner failed: " + cause.getMessage(), cause) : ex;
        }
        finally
        {
            ends[0].close();
        }
        return report
            .keys(dataOwner.keyBytes(), dataOwner.keygenSeconds())
            .payloads(dataOwner.activationBytesPerImage(), dataOwner.resultBytesPerImage())
            .times(dataOwner.encryptSecondsPerImage(), dataOwner.decryptSecondsPerImage(), modelOwner.evalSecondsPerImage())
            .model(net.ownerParameterCount(split) / (double)net.parameterCount(), modelOwner.keySwitchesPerImage(),
                modelOwner.keyRequest().rotationSteps().length)
            .skipped(modelOwner.skippedMessages())
            .build();
    }
}
