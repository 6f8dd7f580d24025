package io.iotaj.bench.wire;

import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The baseline: a plain blocking {@code java.nio} TCP socket pair on loopback, TCP_NODELAY, frames sent as a
 * 4-byte length and the bytes. A zero-length frame ends a measurement.
 */
final class NioTcpBenchLink implements BenchLink
{
    private static final int LENGTH_PREFIX = 4;

    private final ServerSocketChannel server;
    private final SocketChannel client;
    private final SocketChannel accepted;
    private final ByteBuffer clientOut = ByteBuffer.allocateDirect(LENGTH_PREFIX + TransportBench.MAX_FRAME_BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer clientIn = ByteBuffer.allocateDirect(LENGTH_PREFIX + TransportBench.MAX_FRAME_BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer serverBuffer = ByteBuffer.allocateDirect(LENGTH_PREFIX + TransportBench.MAX_FRAME_BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);

    NioTcpBenchLink() throws IOException
    {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client = SocketChannel.open(server.getLocalAddress());
        accepted = server.accept();
        client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
        for (int i = LENGTH_PREFIX; i + 8 <= clientOut.capacity(); i += 8)
        {
            clientOut.putLong(i, i * 0x9E3779B97F4A7C15L);
        }
    }

    @Override
    public String name()
    {
        return "nio-tcp";
    }

    @Override
    public Histogram roundTrips(final int frameBytes, final long warmupNs, final long durationNs) throws Exception
    {
        final Histogram histogram = TransportBench.newHistogram();
        final Thread echo = new Thread(this::echo, "nio-echo");
        echo.start();
        final long start = System.nanoTime();
        final long recordFrom = start + warmupNs;
        final long end = start + durationNs;
        long now = start;
        while (now < end)
        {
            final long sentAt = System.nanoTime();
            writeFrame(client, clientOut, frameBytes);
            readFrame(client, clientIn);
            now = System.nanoTime();
            if (sentAt >= recordFrom)
            {
                histogram.recordValue(Math.min(now - sentAt, TransportBench.HIGHEST_NS));
            }
        }
        writeFrame(client, clientOut, 0);
        readFrame(client, clientIn);
        echo.join();
        return histogram;
    }

    @Override
    public double throughput(final int frameBytes, final long durationNs) throws Exception
    {
        final long[] lastReceiveNs = new long[1];
        final Thread sink = new Thread(() -> lastReceiveNs[0] = drain(), "nio-sink");
        final long start = System.nanoTime();
        sink.start();
        long sent = 0;
        final long end = start + durationNs;
        while (System.nanoTime() < end)
        {
            writeFrame(client, clientOut, frameBytes);
            sent += frameBytes;
        }
        writeFrame(client, clientOut, 0);
        sink.join();
        return TransportBench.megabytesPerSecond(sent, lastReceiveNs[0] - start);
    }

    private void echo()
    {
        try
        {
            int length;
            do
            {
                length = readFrame(accepted, serverBuffer);
                writeFrame(accepted, serverBuffer, length);
            }
            while (length > 0);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("echo failed", ex);
        }
    }

    /** Reads frames until the zero-length one; returns when the last data byte arrived. */
    private long drain()
    {
        try
        {
            long lastNs = System.nanoTime();
            while (readFrame(accepted, serverBuffer) > 0)
            {
                lastNs = System.nanoTime();
            }
            return lastNs;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("sink failed", ex);
        }
    }

    /** Writes the length prefix and the first {@code length} bytes after it in {@code buffer}. */
    private static void writeFrame(final SocketChannel channel, final ByteBuffer buffer, final int length)
        throws IOException
    {
        buffer.putInt(0, length);
        buffer.clear().limit(LENGTH_PREFIX + length);
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
    }

    /** Reads one frame into {@code buffer} (prefix included) and returns its length. */
    private static int readFrame(final SocketChannel channel, final ByteBuffer buffer) throws IOException
    {
        buffer.clear().limit(LENGTH_PREFIX);
        readFully(channel, buffer);
        final int length = buffer.getInt(0);
        buffer.limit(LENGTH_PREFIX + length);
        readFully(channel, buffer);
        return length;
    }

    private static void readFully(final SocketChannel channel, final ByteBuffer buffer) throws IOException
    {
        while (buffer.hasRemaining())
        {
            if (channel.read(buffer) < 0)
            {
                throw new EOFException("peer closed");
            }
        }
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(client, accepted, server);
    }
}
