package io.iotaj.he.flow;

import io.iotaj.he.CkksContext;
import io.iotaj.he.CkksParameters;
import io.iotaj.he.HeCodec;
import io.iotaj.he.HeConfiguration;
import io.iotaj.he.linear.MatVecMethod;
import io.iotaj.he.mnist.IdxDataset;
import io.iotaj.he.mnist.SplitNet;
import io.iotaj.he.mnist.SplitPoint;
import io.iotaj.transport.MediaDriverHost;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs the Syft flow: in one process (the model owner serves on its own thread, over memory or Aeron IPC), or
 * one role of it when the other runs in another process. The data owner encrypts each test image's
 * activation, and the decrypted logits are compared with the plaintext network.
 */
public final class SplitInference
{
    private SplitInference()
    {
    }

    /** The parameter set the paper uses for a split. */
    public static CkksParameters parametersFor(final SplitPoint split)
    {
        return split == SplitPoint.CONV2 ? CkksParameters.conv2Split() : CkksParameters.fc1Split();
    }

    /** The id both ends put in (and expect on) their Ciphertext frames for a split's parameter set. */
    public static int parameterSetId(final SplitPoint split)
    {
        return new HeCodec(new CkksContext(parametersFor(split))).parameterSetId();
    }

    /** Both roles in this process, over two in-memory queues. */
    public static InferenceReport run(
        final SplitNet net, final IdxDataset test, final SplitPoint split, final MatVecMethod method, final int limit,
        final SecureRandom random, final Consumer<String> log)
    {
        return run(net, test, split, method, limit, random, Wire.MEMORY, log);
    }

    /** Both roles in this process; with {@link Wire#AERON} over Aeron IPC on an embedded (or external) driver. */
    public static InferenceReport run(
        final SplitNet net, final IdxDataset test, final SplitPoint split, final MatVecMethod method, final int limit,
        final SecureRandom random, final Wire wire, final Consumer<String> log)
    {
        final CkksContext ctx = new CkksContext(parametersFor(split));
        if (wire == Wire.MEMORY)
        {
            final InProcessChannel[] ends = InProcessChannel.pair(HeConfiguration.receiveTimeoutMs());
            return run(ctx, net, test, split, method, limit, random, ends[0], ends[1], "memory", log);
        }
        try (MediaDriverHost host = MediaDriverHost.launch())
        {
            return runOverIpc(host, ctx, net, test, split, method, limit, random, log);
        }
    }

    /** Both roles in this process over Aeron IPC on the given driver. */
    public static InferenceReport runOverIpc(
        final MediaDriverHost host, final CkksContext ctx, final SplitNet net, final IdxDataset test,
        final SplitPoint split, final MatVecMethod method, final int limit, final SecureRandom random,
        final Consumer<String> log)
    {
        final AeronChannel[] ends = AeronChannel.ipcPair(host.aeron(), new HeCodec(ctx).parameterSetId());
        return run(ctx, net, test, split, method, limit, random, ends[0], ends[1], "aeron-ipc", log);
    }

    /**
     * Both roles in this process: the model owner serves modelEnd on its own thread, the data owner drives
     * dataEnd. Both ends are closed on return.
     */
    public static InferenceReport run(
        final CkksContext ctx, final SplitNet net, final IdxDataset test, final SplitPoint split,
        final MatVecMethod method, final int limit, final SecureRandom random, final MessageChannel dataEnd,
        final MessageChannel modelEnd, final String wire, final Consumer<String> log)
    {
        final ModelOwner modelOwner = new ModelOwner(ctx, net, split, method);
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        final Thread server = new Thread(() ->
        {
            try
            {
                modelOwner.serve(modelEnd);
            }
            catch (final RuntimeException ex)
            {
                failure.set(ex);
            }
            finally
            {
                modelEnd.close();
            }
        }, "he-model-owner");
        server.setDaemon(true);
        server.start();
        try
        {
            final InferenceReport.Builder report = drive(ctx, net, test, split, method, limit, random, dataEnd, wire,
                () -> String.format("eval %.3f s/image, ", modelOwner.evalSecondsPerImage()), log);
            server.join(HeConfiguration.receiveTimeoutMs());
            if (failure.get() != null)
            {
                throw failure.get();
            }
            return report.modelOwner(modelOwner).build();
        }
        catch (final IllegalStateException ex)
        {
            final RuntimeException cause = failure.get();
            throw cause != null && cause != ex ?
                new IllegalStateException("model owner failed: " + cause.getMessage(), cause) : ex;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the model owner", ex);
        }
        finally
        {
            dataEnd.close();
        }
    }

    /** The data owner alone; the model owner is at the other end of channel, usually in another process. */
    public static InferenceReport runDataOwner(
        final SplitNet net, final IdxDataset test, final SplitPoint split, final int limit, final SecureRandom random,
        final MessageChannel channel, final String wire, final Consumer<String> log)
    {
        try
        {
            final CkksContext ctx = new CkksContext(parametersFor(split));
            return drive(ctx, net, test, split, null, limit, random, channel, wire, () -> "", log).build();
        }
        finally
        {
            channel.close();
        }
    }

    /** The model owner alone: serves one data owner until its end marker; returns what it measured. */
    public static Map<String, Object> serveModelOwner(
        final SplitNet net, final SplitPoint split, final MatVecMethod method, final MessageChannel channel,
        final String wire)
    {
        final CkksContext ctx = new CkksContext(parametersFor(split));
        final ModelOwner modelOwner = new ModelOwner(ctx, net, split, method);
        try
        {
            modelOwner.serve(channel);
        }
        finally
        {
            channel.close();
        }
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("role", "model-owner");
        out.put("split", split.label());
        out.put("matmul", method.label());
        out.put("wire", wire);
        out.put("images", modelOwner.evaluated());
        out.put("eval_seconds_per_image", modelOwner.evalSecondsPerImage());
        out.put("key_switches_per_image", modelOwner.keySwitchesPerImage());
        out.put("galois_keys", modelOwner.keyRequest().rotationSteps().length);
        out.put("skipped_messages", modelOwner.skippedMessages());
        out.put("model_owner_param_share", 1 - net.ownerParameterCount(split) / (double)net.parameterCount());
        return out;
    }

    private static InferenceReport.Builder drive(
        final CkksContext ctx, final SplitNet net, final IdxDataset test, final SplitPoint split,
        final MatVecMethod method, final int limit, final SecureRandom random, final MessageChannel channel,
        final String wire, final Supplier<String> progress, final Consumer<String> log)
    {
        final DataOwner dataOwner = new DataOwner(ctx, net, split, random);
        final InferenceReport.Builder report = new InferenceReport.Builder(ctx.parameters(), split, method, wire);
        dataOwner.connect(channel);
        final int count = Math.min(limit, test.size());
        for (int i = 0; i < count; i++)
        {
            final double[] encrypted = dataOwner.infer(test.image(i), channel);
            final double[] plain = net.head(net.features(test.image(i), split), split);
            report.image(test.label(i), plain, encrypted);
            if ((i + 1) % 100 == 0 || i + 1 == count)
            {
                log.accept(String.format("he: %d/%d images, %sround trip %.3f s/image, %s", i + 1, count,
                    progress.get(), dataOwner.roundTripSecondsPerImage(), report.progress()));
            }
        }
        dataOwner.finish(channel);
        return report
            .keys(dataOwner.keyBytes(), dataOwner.keygenSeconds())
            .payloads(dataOwner.activationBytesPerImage(), dataOwner.resultBytesPerImage())
            .times(dataOwner.encryptSecondsPerImage(), dataOwner.decryptSecondsPerImage(),
                dataOwner.roundTripSecondsPerImage())
            .model(net.ownerParameterCount(split) / (double)net.parameterCount(), dataOwner.galoisKeysRequested());
    }
}
