package io.iotaj.he.mnist;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/** MNIST digits read from IDX files: images scaled to [0, 1] as 784 floats, labels 0..9. */
public final class IdxDataset
{
    public static final int ROWS = 28;
    public static final int COLUMNS = 28;
    public static final int PIXELS = ROWS * COLUMNS;

    private final float[][] images;
    private final int[] labels;
    private final long checksum;

    private IdxDataset(final float[][] images, final int[] labels, final long checksum)
    {
        this.images = images;
        this.labels = labels;
        this.checksum = checksum;
    }

    /** True when dir holds the four standard MNIST IDX files. */
    public static boolean present(final Path dir)
    {
        return dir != null && Files.isRegularFile(dir.resolve("train-images-idx3-ubyte")) &&
            Files.isRegularFile(dir.resolve("train-labels-idx1-ubyte")) &&
            Files.isRegularFile(dir.resolve("t10k-images-idx3-ubyte")) &&
            Files.isRegularFile(dir.resolve("t10k-labels-idx1-ubyte"));
    }

    public static IdxDataset train(final Path dir) throws IOException
    {
        return read(dir, "train-images-idx3-ubyte", "train-labels-idx1-ubyte");
    }

    public static IdxDataset test(final Path dir) throws IOException
    {
        return read(dir, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    }

    public static IdxDataset read(final Path dir, final String imageFile, final String labelFile) throws IOException
    {
        if (!present(dir))
        {
            throw new IOException("not an MNIST IDX directory (need train-/t10k-images-idx3-ubyte and " +
                "-labels-idx1-ubyte): " + dir);
        }
        final CRC32 crc = new CRC32();
        final float[][] images;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(dir.resolve(imageFile))))
        {
            expectMagic(in, 0x803, imageFile);
            final int count = in.readInt();
            if (in.readInt() != ROWS || in.readInt() != COLUMNS || count < 0)
            {
                throw new IOException(imageFile + ": expected 28x28 images");
            }
            images = new float[count][PIXELS];
            final byte[] row = new byte[PIXELS];
            for (int i = 0; i < count; i++)
            {
                readFully(in, row, imageFile);
                crc.update(row);
                for (int p = 0; p < PIXELS; p++)
                {
                    images[i][p] = (row[p] & 0xff) / 255f;
                }
            }
        }
        final int[] labels;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(dir.resolve(labelFile))))
        {
            expectMagic(in, 0x801, labelFile);
            final int count = in.readInt();
            if (count != images.length)
            {
                throw new IOException(labelFile + " has " + count + " labels for " + images.length + " images");
            }
            final byte[] raw = new byte[count];
            readFully(in, raw, labelFile);
            crc.update(raw);
            labels = new int[count];
            for (int i = 0; i < count; i++)
            {
                labels[i] = raw[i] & 0xff;
                if (labels[i] > 9)
                {
                    throw new IOException(labelFile + ": label " + labels[i] + " at " + i + " is not a digit");
                }
            }
        }
        return new IdxDataset(images, labels, crc.getValue());
    }

    public int size()
    {
        return labels.length;
    }

    public float[] image(final int i)
    {
        return images[i];
    }

    public int label(final int i)
    {
        return labels[i];
    }

    /** CRC32 of the raw files' content, to key cached models. */
    public long checksum()
    {
        return checksum;
    }

    private static void expectMagic(final DataInputStream in, final int magic, final String file) throws IOException
    {
        final int actual = in.readInt();
        if (actual != magic)
        {
            throw new IOException(file + ": bad IDX magic 0x" + Integer.toHexString(actual));
        }
    }

    private static void readFully(final InputStream in, final byte[] buffer, final String file) throws IOException
    {
        int read = 0;
        while (read < buffer.length)
        {
            final int r = in.read(buffer, read, buffer.length - read);
            if (r < 0)
            {
                throw new IOException(file + " is truncated");
            }
            read += r;
        }
    }
}
