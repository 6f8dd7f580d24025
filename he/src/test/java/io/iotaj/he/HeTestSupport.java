package io.iotaj.he;

import io.aeron.CommonContext;
import io.iotaj.transport.MediaDriverHost;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;

/** Reproducible randomness for tests (production code always takes a fresh SecureRandom). */
public final class HeTestSupport
{
    private HeTestSupport()
    {
    }

    public static SecureRandom seededRandom(final long seed)
    {
        try
        {
            final SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** An embedded media driver in a fresh directory. */
    public static MediaDriverHost mediaDriver()
    {
        return MediaDriverHost.embedded(CommonContext.getAeronDirectoryName() + "-iotaj-he-test-" + UUID.randomUUID());
    }

    public static int freeUdpPort()
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Writes the four MNIST IDX files with random 28x28 images and labels into dir. */
    public static Path writeIdx(final Path dir, final int train, final int test, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        try
        {
            Files.createDirectories(dir);
            for (final String[] names : new String[][]{
                {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", String.valueOf(train)},
                {"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", String.valueOf(test)}})
            {
                final int count = Integer.parseInt(names[2]);
                try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(names[0]))))
                {
                    out.writeInt(0x803);
                    out.writeInt(count);
                    out.writeInt(28);
                    out.writeInt(28);
                    for (int i = 0; i < count * 28 * 28; i++)
                    {
                        out.writeByte(random.nextInt(256));
                    }
                }
                try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(names[1]))))
                {
                    out.writeInt(0x801);
                    out.writeInt(count);
                    for (int i = 0; i < count; i++)
                    {
                        out.writeByte(random.nextInt(10));
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return dir;
    }
}
