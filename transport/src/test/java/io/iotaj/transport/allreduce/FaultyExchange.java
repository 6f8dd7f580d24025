package io.iotaj.transport.allreduce;

import io.iotaj.codecs.Crc32cChecksum;
import io.iotaj.codecs.sbe.MessageHeaderDecoder;
import io.iotaj.codecs.sbe.ParamChunkDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Fault injection around a peer's exchange, set by the test thread between merges:
 * a peer that dies after a number of sent frames (it goes silent and its inbound links swallow
 * everything, as a crashed host's would), or a peer whose reduction of one chunk goes wrong (the
 * scatter input from one sender is altered, CRC32C and all, before it reaches the reducer).
 */
final class FaultyExchange implements ChunkExchange
{
    private final ChunkExchange delegate;
    private final ParamChunkDecoder frame = new ParamChunkDecoder();
    private final Crc32cChecksum crc = new Crc32cChecksum();
    private final UnsafeBuffer copy;
    private volatile long dieAfterFrames = Long.MAX_VALUE;
    private volatile int corruptChunk = -1;
    private volatile int corruptSender = -1;
    private volatile DirectBuffer[] injections = new DirectBuffer[0];
    private long framesSent;
    private FrameHandler handler;
    private final FrameHandler corrupting = this::corrupt;
    private final FrameHandler swallow = (buffer, offset, length) -> true;

    FaultyExchange(final ChunkExchange delegate)
    {
        this.delegate = delegate;
        this.copy = new UnsafeBuffer(new byte[delegate.maxFrameLength()]);
    }

    /** From the next frame on, this peer is dead after {@code frames} more sent frames. */
    void dieAfter(final long frames)
    {
        framesSent = 0;
        dieAfterFrames = frames;
    }

    /** Scatter input of {@code chunk} from {@code sender} arrives with its first element changed. */
    void corruptInput(final int chunk, final int sender)
    {
        corruptSender = sender;
        corruptChunk = chunk;
    }

    /** Hands each of {@code frames} to the agent as if it had arrived, until the agent consumes it. */
    void inject(final DirectBuffer... frames)
    {
        injections = frames;
    }

    void heal()
    {
        corruptChunk = -1;
        dieAfterFrames = Long.MAX_VALUE;
    }

    private boolean dead()
    {
        return framesSent >= dieAfterFrames;
    }

    @Override
    public boolean offer(final int toPeer, final DirectBuffer buffer, final int offset, final int length)
    {
        if (dead())
        {
            return true;
        }
        if (delegate.offer(toPeer, buffer, offset, length))
        {
            framesSent++;
            return true;
        }
        return false;
    }

    @Override
    public int poll(final FrameHandler handler, final int frameLimit)
    {
        if (dead())
        {
            return delegate.poll(swallow, frameLimit);
        }
        final DirectBuffer[] pending = injections;
        int left = 0;
        for (final DirectBuffer injected : pending)
        {
            // Like a link, keep a frame the agent is not ready for (one of a merge not started yet).
            if (!handler.onFrame(injected, 0, injected.capacity()))
            {
                pending[left++] = injected;
            }
        }
        if (left < pending.length)
        {
            injections = java.util.Arrays.copyOf(pending, left);
        }
        if (corruptChunk < 0)
        {
            return delegate.poll(handler, frameLimit);
        }
        this.handler = handler;
        return delegate.poll(corrupting, frameLimit);
    }

    private boolean corrupt(final DirectBuffer buffer, final int offset, final int length)
    {
        frame.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, ParamChunkDecoder.BLOCK_LENGTH, ParamChunkDecoder.SCHEMA_VERSION);
        if (length > ChunkFraming.HEADER_LENGTH && frame.step() == ButterflySchedule.STEP_SCATTER &&
            frame.chunkIndex() == corruptChunk && frame.sender() == corruptSender)
        {
            copy.putBytes(0, buffer, offset, length);
            final int first = ChunkFraming.HEADER_LENGTH;
            copy.putFloat(first, copy.getFloat(first, ByteOrder.LITTLE_ENDIAN) + 1000f, ByteOrder.LITTLE_ENDIAN);
            copy.putInt(MessageHeaderDecoder.ENCODED_LENGTH + ParamChunkDecoder.payloadCrc32cEncodingOffset(),
                (int)crc.compute(copy, first, length - first), ByteOrder.LITTLE_ENDIAN);
            return handler.onFrame(copy, 0, length);
        }
        return handler.onFrame(buffer, offset, length);
    }

    @Override
    public int peer()
    {
        return delegate.peer();
    }

    @Override
    public int peers()
    {
        return delegate.peers();
    }

    @Override
    public int maxFrameLength()
    {
        return delegate.maxFrameLength();
    }

    @Override
    public long bytesSent()
    {
        return delegate.bytesSent();
    }

    @Override
    public long bytesReceived()
    {
        return delegate.bytesReceived();
    }

    @Override
    public void close()
    {
        delegate.close();
    }
}
