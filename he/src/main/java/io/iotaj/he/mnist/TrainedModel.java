package io.iotaj.he.mnist;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/**
 * Trains the split network on an IDX training set, or loads it from a cache file keyed by the data's
 * checksum and the training recipe. After training the output layer is calibrated so the largest
 * |logit| over the training set is {@link #LOGIT_TARGET}: half the 16 that a 31-bit last prime leaves
 * above a 2^26 scale, so encrypted logits keep a factor-two margin.
 */
public final class TrainedModel
{
    public static final double LOGIT_TARGET = 8.0;
    private static final int MAGIC = 0x4e53494d;
    private static final int VERSION = 1;
    private static final int BATCH = 32;
    private static final double LEARNING_RATE = 1e-3;
    private static final long SEED = 42;

    private TrainedModel()
    {
    }

    /** The cached network for this data and recipe, training and caching it first if needed. */
    public static SplitNet load(final IdxDataset train, final int epochs, final Path cacheDir, final Consumer<String> log)
        throws IOException
    {
        final Path file = cacheDir.resolve(String.format("mnist-split-net-%08x-e%d-v%d.bin", train.checksum(), epochs, VERSION));
        if (Files.isRegularFile(file))
        {
            log.accept("he: using the trained network cached in " + file);
            return read(file);
        }
        final SplitNet net = train(train, epochs, log);
        Files.createDirectories(cacheDir);
        final Path tmp = Files.createTempFile(cacheDir, "net", ".tmp");
        write(net, tmp);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        log.accept("he: cached the trained network in " + file);
        return net;
    }

    public static SplitNet train(final IdxDataset train, final int epochs, final Consumer<String> log)
    {
        final SplitNet net = SplitNet.initialised(SEED);
        final Trainer trainer = new Trainer(net, BATCH, LEARNING_RATE, true);
        for (int e = 0; e < epochs; e++)
        {
            final long start = System.nanoTime();
            final double loss = trainer.epoch(train, SEED + e, done -> { });
            log.accept(String.format("he: epoch %d/%d on %d digits: loss %.4f (%.1f s)", e + 1, epochs, train.size(),
                loss, (System.nanoTime() - start) / 1e9));
        }
        calibrate(net, train);
        return net;
    }

    /** Scales fc2 so the largest |logit| over the data is LOGIT_TARGET; returns the factor applied. */
    static double calibrate(final SplitNet net, final IdxDataset data)
    {
        double max = 0;
        for (int i = 0; i < data.size(); i++)
        {
            for (final double logit : net.head(net.features(data.image(i), SplitPoint.CONV2), SplitPoint.CONV2))
            {
                max = Math.max(max, Math.abs(logit));
            }
        }
        final double factor = max > 0 ? LOGIT_TARGET / max : 1;
        net.scaleOutput((float)factor);
        return factor;
    }

    public static void write(final SplitNet net, final Path file) throws IOException
    {
        try (OutputStream raw = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(raw))
        {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            for (final float[] p : net.parameters())
            {
                out.writeInt(p.length);
                for (final float x : p)
                {
                    out.writeFloat(x);
                }
            }
        }
    }

    public static SplitNet read(final Path file) throws IOException
    {
        final SplitNet net = new SplitNet();
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw))
        {
            if (in.readInt() != MAGIC || in.readInt() != VERSION)
            {
                throw new IOException(file + " is not a version " + VERSION + " split-network file");
            }
            for (final float[] p : net.parameters())
            {
                if (in.readInt() != p.length)
                {
                    throw new IOException(file + ": tensor size does not match the network");
                }
                for (int i = 0; i < p.length; i++)
                {
                    p[i] = in.readFloat();
                }
            }
        }
        return net;
    }
}
