package io.iotaj.runtime.checkpoint;

import io.iotaj.codecs.json.Json;
import io.iotaj.codecs.json.JsonFields;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header mapping each name to
 * {dtype, shape, data_offsets}, then the raw little-endian data. F32 and I32 are supported, which is
 * what the reference writes; files we write load in PyTorch unchanged. Every inconsistency is an
 * {@link IllegalArgumentException} naming the file and the problem.
 */
public final class Safetensors
{
    private static final long MAX_HEADER = 100L << 20;

    /** One tensor: exactly one of f32 / i32 is set, by dtype. */
    public record Entry(String name, String dtype, int[] shape, float[] f32, int[] i32)
    {
        public int size()
        {
            return f32 != null ? f32.length : i32.length;
        }
    }

    private Safetensors()
    {
    }

    public static Map<String, Entry> read(final Path path) throws IOException
    {
        final String where = path.toString();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ))
        {
            final long fileSize = ch.size();
            if (fileSize < 8)
            {
                throw bad(where, "file is " + fileSize + " bytes, too short for a header length");
            }
            final ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            final long headerLen = lenBuf.getLong(0);
            if (headerLen < 2 || headerLen > MAX_HEADER || 8 + headerLen > fileSize)
            {
                throw bad(where, "header length " + headerLen + " runs past the end of the " + fileSize + "-byte file");
            }
            final ByteBuffer headerBuf = ByteBuffer.allocate((int)headerLen);
            readFully(ch, headerBuf, 8);
            final Map<String, Object> header;
            try
            {
                header = Json.parseObject(StandardCharsets.UTF_8.decode(headerBuf.flip()).toString());
            }
            catch (final IllegalArgumentException ex)
            {
                throw bad(where, "header is not a JSON object (" + ex.getMessage() + ")");
            }
            final long dataStart = 8 + headerLen;
            final long dataLen = fileSize - dataStart;
            if (dataLen > Integer.MAX_VALUE)
            {
                throw bad(where, "data section over 2 GiB is not supported");
            }
            final ByteBuffer data = ByteBuffer.allocate((int)dataLen).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, data, dataStart);
            return decode(where, header, data, dataLen);
        }
        catch (final java.nio.file.NoSuchFileException ex)
        {
            throw new IOException(where + ": no such file");
        }
    }

    private static Map<String, Entry> decode(final String where, final Map<String, Object> header, final ByteBuffer data,
        final long dataLen)
    {
        final Map<String, Entry> out = new LinkedHashMap<>();
        final List<long[]> ranges = new ArrayList<>();
        for (final Map.Entry<String, Object> e : header.entrySet())
        {
            final String name = e.getKey();
            if ("__metadata__".equals(name))
            {
                continue;
            }
            if (!(e.getValue() instanceof Map))
            {
                throw bad(where, "tensor " + name + ": header entry is not an object");
            }
            @SuppressWarnings("unchecked")
            final JsonFields f = new JsonFields((Map<String, Object>)e.getValue(), where + ": tensor " + name);
            final String dtype = f.string("dtype");
            if (!"F32".equals(dtype) && !"I32".equals(dtype))
            {
                throw bad(where, "tensor " + name + " has unsupported dtype " + dtype + " (F32 and I32 are supported)");
            }
            final int[] shape = ints(f.list("shape"), where, name, "shape");
            final int[] offsets = ints(f.list("data_offsets"), where, name, "data_offsets");
            if (offsets.length != 2 || offsets[0] > offsets[1] || offsets[1] > dataLen)
            {
                throw bad(where, "tensor " + name + " data_offsets " + Arrays.toString(offsets) +
                    " outside the " + dataLen + "-byte data section");
            }
            long count = 1;
            for (final int d : shape)
            {
                count *= d;
            }
            if (count * 4 != (long)offsets[1] - offsets[0])
            {
                throw bad(where, "tensor " + name + " shape " + Arrays.toString(shape) + " needs " + count * 4 +
                    " bytes but data_offsets span " + ((long)offsets[1] - offsets[0]));
            }
            ranges.add(new long[]{offsets[0], offsets[1]});
            final int n = (int)count;
            if ("F32".equals(dtype))
            {
                final float[] v = new float[n];
                data.slice(offsets[0], n * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
                out.put(name, new Entry(name, dtype, shape, v, null));
            }
            else
            {
                final int[] v = new int[n];
                data.slice(offsets[0], n * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(v);
                out.put(name, new Entry(name, dtype, shape, null, v));
            }
        }
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        for (int i = 1; i < ranges.size(); i++)
        {
            if (ranges.get(i)[0] < ranges.get(i - 1)[1])
            {
                throw bad(where, "two tensors' data_offsets overlap");
            }
        }
        return out;
    }

    /** Writes F32 tensors, names sorted, header padded with spaces to a multiple of 8 (as the reference). */
    public static void writeF32(final Path path, final Map<String, float[]> tensors, final Map<String, int[]> shapes)
        throws IOException
    {
        final Map<String, Object> header = new LinkedHashMap<>();
        long off = 0;
        final TreeMap<String, float[]> sorted = new TreeMap<>(tensors);
        for (final Map.Entry<String, float[]> e : sorted.entrySet())
        {
            final int[] shape = shapes.get(e.getKey());
            if (shape == null || Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b) != e.getValue().length)
            {
                throw new IllegalArgumentException("tensor " + e.getKey() + ": shape does not match its data");
            }
            final Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("dtype", "F32");
            meta.put("shape", shape);
            meta.put("data_offsets", new long[]{off, off + 4L * e.getValue().length});
            header.put(e.getKey(), meta);
            off += 4L * e.getValue().length;
        }
        final byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        final int padded = (json.length + 7) / 8 * 8;
        final ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining())
        {
            head.put((byte)' ');
        }
        final Path parent = path.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        final Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            writeFully(ch, head.flip());
            for (final float[] v : sorted.values())
            {
                final ByteBuffer buf = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(v);
                writeFully(ch, buf);
            }
            ch.force(true);
        }
        Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static int[] ints(final List<?> list, final String where, final String name, final String field)
    {
        final int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++)
        {
            if (!(list.get(i) instanceof Long) || (Long)list.get(i) < 0 || (Long)list.get(i) > Integer.MAX_VALUE)
            {
                throw bad(where, "tensor " + name + " " + field + " must hold non-negative integers");
            }
            out[i] = ((Long)list.get(i)).intValue();
        }
        return out;
    }

    private static IllegalArgumentException bad(final String where, final String what)
    {
        return new IllegalArgumentException(where + ": " + what);
    }

    private static void readFully(final FileChannel ch, final ByteBuffer buf, final long position) throws IOException
    {
        long pos = position;
        while (buf.hasRemaining())
        {
            final int n = ch.read(buf, pos);
            if (n < 0)
            {
                throw new IOException("unexpected end of file");
            }
            pos += n;
        }
    }

    private static void writeFully(final FileChannel ch, final ByteBuffer buf) throws IOException
    {
        while (buf.hasRemaining())
        {
            ch.write(buf);
        }
    }
}
