package io.iotaj.he.flow;

import io.aeron.Aeron;
import io.iotaj.codecs.Crc32cChecksum;
import io.iotaj.codecs.FrameValidator;
import io.iotaj.codecs.sbe.CiphertextDecoder;
import io.iotaj.codecs.sbe.CiphertextEncoder;
import io.iotaj.codecs.sbe.MessageHeaderEncoder;
import io.iotaj.he.Ciphertext;
import io.iotaj.he.HeConfiguration;
import io.iotaj.transport.Channels;
import io.iotaj.transport.FramePublisher;
import io.iotaj.transport.FrameSubscriber;
import io.iotaj.transport.PublishResult;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One end of the data-owner/model-owner channel over Aeron: every {@link io.iotaj.he.HeCodec} message travels
 * as SBE {@code Ciphertext} frames (schema template 20) on one stream per direction, validated (schema,
 * lengths, CRC32C) by {@link FrameSubscriber} before it is reassembled. The frame's level and scale are the
 * ciphertext's, or 0 and 1 for key material and control messages. The schema has no chunk fields, so the
 * payload starts with an 8-byte chunk header (int32 message length, int32 offset of this chunk) and a message
 * longer than {@link HeConfiguration#chunkBytes()} is sent as consecutive frames: an activation is one frame,
 * Galois keys about thirty. Frames with another parameter set, out-of-order chunks or other templates are
 * counted and dropped. Single-threaded per end, like the exclusive publication underneath.
 */
public final class AeronChannel implements MessageChannel
{
    /** Bytes in front of each chunk inside the frame's payload: message length and chunk offset. */
    static final int CHUNK_HEADER = 8;
    private static final int MAX_MESSAGE = (1 << 30) + 64;
    private static final int FRAGMENT_LIMIT = 16;
    private static final int FRAME_OVERHEAD =
        MessageHeaderEncoder.ENCODED_LENGTH + CiphertextEncoder.BLOCK_LENGTH + CiphertextEncoder.payloadHeaderLength();

    private final FramePublisher publisher;
    private final FrameSubscriber subscriber;
    private final int parameterSetId;
    private final long sessionId;
    private final int chunkBytes;
    private final long receiveTimeoutNs;
    private final IdleStrategy idle = new BackoffIdleStrategy(
        10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final CiphertextEncoder encoder = new CiphertextEncoder();
    private final CiphertextDecoder decoder = new CiphertextDecoder();
    private final Crc32cChecksum checksum = new Crc32cChecksum();
    private final UnsafeBuffer payload;
    private final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(64 * 1024);
    private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
    private byte[] assembling;
    private int assembled;
    private long assemblingSession;
    private boolean peerSeen;
    private boolean closed;
    private long messagesSent;
    private long bytesSent;
    private long framesSent;
    private long droppedFrames;

    /**
     * @param parameterSetId {@link io.iotaj.he.HeCodec#parameterSetId()}: frames with another are dropped.
     */
    public AeronChannel(
        final Aeron aeron,
        final String sendChannel,
        final int sendStream,
        final String receiveChannel,
        final int receiveStream,
        final int parameterSetId,
        final int chunkBytes,
        final long connectTimeoutMs,
        final long receiveTimeoutMs)
    {
        if (parameterSetId < 0 || chunkBytes < 1)
        {
            throw new IllegalArgumentException("parameter set id and chunk size must be positive");
        }
        this.parameterSetId = parameterSetId;
        this.chunkBytes = chunkBytes;
        this.receiveTimeoutNs = TimeUnit.MILLISECONDS.toNanos(receiveTimeoutMs);
        this.sessionId = System.nanoTime() ^ ProcessHandle.current().pid() << 40;
        this.payload = new UnsafeBuffer(new byte[CHUNK_HEADER + chunkBytes]);
        FrameSubscriber sub = null;
        try
        {
            sub = new FrameSubscriber(aeron, receiveChannel, receiveStream, this::onFrame, null, null);
            this.publisher = new FramePublisher(aeron, sendChannel, sendStream, null,
                new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1)),
                connectTimeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(sub);
            throw ex;
        }
        this.subscriber = sub;
        if (FRAME_OVERHEAD + CHUNK_HEADER + chunkBytes > publisher.maxMessageLength())
        {
            close();
            throw new IllegalArgumentException("chunks of " + chunkBytes + " bytes do not fit the publication's " +
                publisher.maxMessageLength() + "-byte messages; lower " + HeConfiguration.CHUNK_BYTES_PROP);
        }
    }

    /** The two ends of a channel over shared memory on one media driver: [data owner, model owner]. */
    public static AeronChannel[] ipcPair(final Aeron aeron, final int parameterSetId)
    {
        final String ipc = Channels.ipc();
        final AeronChannel data = new AeronChannel(aeron, ipc, HeConfiguration.DATA_TO_MODEL_STREAM, ipc,
            HeConfiguration.MODEL_TO_DATA_STREAM, parameterSetId, HeConfiguration.chunkBytes(),
            HeConfiguration.connectTimeoutMs(), HeConfiguration.receiveTimeoutMs());
        try
        {
            return new AeronChannel[]{data, new AeronChannel(aeron, ipc, HeConfiguration.MODEL_TO_DATA_STREAM, ipc,
                HeConfiguration.DATA_TO_MODEL_STREAM, parameterSetId, HeConfiguration.chunkBytes(),
                HeConfiguration.connectTimeoutMs(), HeConfiguration.receiveTimeoutMs())};
        }
        catch (final RuntimeException ex)
        {
            data.close();
            throw ex;
        }
    }

    /** The data owner's end over UDP: it receives on dataEndpoint and sends to modelEndpoint (host:port). */
    public static AeronChannel dataOwnerUdp(
        final Aeron aeron, final String dataEndpoint, final String modelEndpoint, final int parameterSetId)
    {
        return new AeronChannel(aeron, udp(modelEndpoint), HeConfiguration.DATA_TO_MODEL_STREAM, udp(dataEndpoint),
            HeConfiguration.MODEL_TO_DATA_STREAM, parameterSetId, HeConfiguration.chunkBytes(),
            HeConfiguration.connectTimeoutMs(), HeConfiguration.receiveTimeoutMs());
    }

    /** The model owner's end over UDP: it receives on modelEndpoint and sends to dataEndpoint (host:port). */
    public static AeronChannel modelOwnerUdp(
        final Aeron aeron, final String dataEndpoint, final String modelEndpoint, final int parameterSetId)
    {
        return new AeronChannel(aeron, udp(dataEndpoint), HeConfiguration.MODEL_TO_DATA_STREAM, udp(modelEndpoint),
            HeConfiguration.DATA_TO_MODEL_STREAM, parameterSetId, HeConfiguration.chunkBytes(),
            HeConfiguration.connectTimeoutMs(), HeConfiguration.receiveTimeoutMs());
    }

    /** host:port to an Aeron UDP channel URI. */
    static String udp(final String endpoint)
    {
        final int colon = endpoint.lastIndexOf(':');
        if (colon <= 0 || colon == endpoint.length() - 1)
        {
            throw new IllegalArgumentException("endpoint must be host:port, not '" + endpoint + "'");
        }
        final int port;
        try
        {
            port = Integer.parseInt(endpoint.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("endpoint must be host:port, not '" + endpoint + "'");
        }
        return Channels.udp(endpoint.substring(0, colon), port);
    }

    @Override
    public void send(final byte[] message)
    {
        send(message, 0, 1.0);
    }

    @Override
    public void send(final byte[] message, final Ciphertext ciphertext)
    {
        send(message, ciphertext.limbs(), ciphertext.scale());
    }

    private void send(final byte[] message, final int level, final double scale)
    {
        if (closed)
        {
            throw new IllegalStateException("channel is closed");
        }
        int offset = 0;
        do
        {
            final int chunk = Math.min(chunkBytes, message.length - offset);
            payload.putInt(0, message.length, ByteOrder.LITTLE_ENDIAN);
            payload.putInt(4, offset, ByteOrder.LITTLE_ENDIAN);
            payload.putBytes(CHUNK_HEADER, message, offset, chunk);
            final int payloadLength = CHUNK_HEADER + chunk;
            encoder.wrapAndApplyHeader(frame, 0, header)
                .sessionId(sessionId)
                .parameterSetId(parameterSetId)
                .level(level)
                .scale(scale)
                .payloadCrc32c(checksum.compute(payload, 0, payloadLength))
                .putPayload(payload, 0, payloadLength);
            final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
            final PublishResult result = publisher.send(frame, 0, length);
            if (result != PublishResult.OK)
            {
                throw new IllegalStateException("could not send a " + length + "-byte Ciphertext frame to the peer: " +
                    result);
            }
            framesSent++;
            offset += chunk;
        }
        while (offset < message.length);
        messagesSent++;
        bytesSent += message.length;
    }

    @Override
    public byte[] receive()
    {
        if (closed)
        {
            throw new IllegalStateException("channel is closed");
        }
        final long startNs = System.nanoTime();
        idle.reset();
        while (ready.isEmpty())
        {
            final int fragments = subscriber.poll(FRAGMENT_LIMIT);
            if (fragments > 0)
            {
                peerSeen = true;
                idle.reset();
                continue;
            }
            if (subscriber.isConnected())
            {
                peerSeen = true;
            }
            else if (peerSeen)
            {
                throw new IllegalStateException("the peer closed the channel");
            }
            if (System.nanoTime() - startNs > receiveTimeoutNs)
            {
                throw new IllegalStateException("no message from the peer within " +
                    TimeUnit.NANOSECONDS.toMillis(receiveTimeoutNs) + " ms");
            }
            idle.idle();
        }
        return ready.poll();
    }

    private void onFrame(final DirectBuffer buffer, final int offset, final int length, final FrameValidator validated)
    {
        if (validated.templateId() != CiphertextDecoder.TEMPLATE_ID)
        {
            droppedFrames++;
            return;
        }
        decoder.wrap(buffer, offset + MessageHeaderEncoder.ENCODED_LENGTH,
            buffer.getShort(offset, ByteOrder.LITTLE_ENDIAN) & 0xFFFF, FrameValidator.SCHEMA_VERSION);
        final int at = validated.varOffset(0);
        final int payloadLength = validated.varLength(0);
        if (decoder.parameterSetId() != parameterSetId || payloadLength < CHUNK_HEADER)
        {
            droppedFrames++;
            return;
        }
        final int total = buffer.getInt(at, ByteOrder.LITTLE_ENDIAN);
        final int chunkOffset = buffer.getInt(at + 4, ByteOrder.LITTLE_ENDIAN);
        final int chunk = payloadLength - CHUNK_HEADER;
        if (total < 0 || total > MAX_MESSAGE || chunkOffset < 0 || chunk > total - chunkOffset)
        {
            droppedFrames++;
            return;
        }
        if (chunkOffset == 0)
        {
            if (assembling != null)
            {
                droppedFrames++;
            }
            assembling = new byte[total];
            assembled = 0;
            assemblingSession = decoder.sessionId();
        }
        else if (assembling == null || chunkOffset != assembled || total != assembling.length ||
            decoder.sessionId() != assemblingSession)
        {
            assembling = null;
            droppedFrames++;
            return;
        }
        buffer.getBytes(at + CHUNK_HEADER, assembling, chunkOffset, chunk);
        assembled += chunk;
        if (assembled == total)
        {
            ready.add(assembling);
            assembling = null;
        }
    }

    /** Whole messages sent. */
    public long messagesSent()
    {
        return messagesSent;
    }

    /** Bytes of the messages sent, without frame headers. */
    public long bytesSent()
    {
        return bytesSent;
    }

    /** Ciphertext frames sent (one per chunk). */
    public long framesSent()
    {
        return framesSent;
    }

    /** Bytes put on the wire, SBE headers and chunk headers included. */
    public long wireBytesSent()
    {
        return publisher.counters().bytes();
    }

    /** Valid frames this end dropped: another template or parameter set, or a chunk out of sequence. */
    public long droppedFrames()
    {
        return droppedFrames;
    }

    /** Frames the subscriber refused before reassembly (bad schema, lengths or CRC), and handler errors. */
    public long rejectedFrames()
    {
        return subscriber.counters().totalRejects() + subscriber.counters().handlerErrors();
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            CloseHelper.closeAll(publisher, subscriber);
        }
    }
}
