package io.iotaj.bench.wire;

import io.iotaj.codecs.Crc32cChecksum;
import io.iotaj.codecs.FrameValidator;
import io.iotaj.codecs.RejectReason;
import io.iotaj.codecs.TensorFrameEncoder;
import io.iotaj.codecs.TensorKind;
import io.iotaj.codecs.sbe.ActivationDecoder;
import io.iotaj.codecs.sbe.Dtype;
import io.iotaj.codecs.sbe.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A 128 KiB activation (32 rows x 1024 F32, the size of one IOTA compressed activation): encode plus in-place
 * decode, with and without full validation, against a plain copy of the same bytes between the same kind of
 * buffers. Encoding copies the payload once and computes its CRC32C; decoding wraps the payload in place.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 2, jvmArgsAppend = {
    "--add-modules", "jdk.incubator.vector",
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens", "java.base/java.nio=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED" })
public class CodecBenchmark
{
    private static final int ROWS = 32;
    private static final int WIDTH = 1024;
    private static final int PAYLOAD_BYTES = ROWS * WIDTH * 4;
    private static final long[] PATHWAY = { 3, 14, 15 };

    private final UnsafeBuffer payload = new UnsafeBuffer(ByteBuffer.allocateDirect(PAYLOAD_BYTES));
    private final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(PAYLOAD_BYTES + 1024));
    private final UnsafeBuffer copy = new UnsafeBuffer(ByteBuffer.allocateDirect(PAYLOAD_BYTES));
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final TensorFrameEncoder encoder = new TensorFrameEncoder();
    private final ActivationDecoder decoder = new ActivationDecoder();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final FrameValidator validator = new FrameValidator(false);
    private final Crc32cChecksum crc = new Crc32cChecksum();

    @Setup
    public void setUp()
    {
        final Random random = new Random(1);
        for (int i = 0; i < PAYLOAD_BYTES; i += 4)
        {
            payload.putFloat(i, (float)random.nextGaussian(), ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** The baseline: copy the payload's bytes once. */
    @Benchmark
    public byte memcpy()
    {
        copy.putBytes(0, payload, 0, PAYLOAD_BYTES);
        return copy.getByte(PAYLOAD_BYTES - 1);
    }

    /** The CRC32C the encoder computes over the payload, alone: most of the encode cost above a copy. */
    @Benchmark
    public long crc32c()
    {
        return crc.compute(payload, 0, PAYLOAD_BYTES);
    }

    /** Encode (copy + CRC32C) and decode in place: header, fields, pathway, a view of the payload. */
    @Benchmark
    public long encodeDecode()
    {
        final int length = encode();
        decoder.wrapAndApplyHeader(frame, 0, header);
        return length + decodeFields();
    }

    /** As {@link #encodeDecode} with the receiver's full validation first (structure, CRC32C, NaN/Inf scan). */
    @Benchmark
    public long encodeValidateDecode()
    {
        final int length = encode();
        if (validator.validate(frame, 0, length) != RejectReason.NONE)
        {
            throw new IllegalStateException("frame rejected");
        }
        decoder.wrapAndApplyHeader(frame, 0, header);
        return length + decodeFields();
    }

    private int encode()
    {
        return encoder.encode(frame, 0, TensorKind.ACTIVATION, 1, 42, 1, Dtype.F32, ROWS, WIDTH,
            PATHWAY, PATHWAY.length, null, null, payload, 0, PAYLOAD_BYTES);
    }

    private long decodeFields()
    {
        long sum = decoder.sampleId() + decoder.seqLen() + decoder.width() + decoder.payloadCrc32c();
        for (final ActivationDecoder.PathwayDecoder hop : decoder.pathway())
        {
            sum += hop.minerId();
        }
        decoder.rowScales();
        decoder.wrapPayload(view);
        return sum + view.getByte(view.capacity() - 1);
    }
}
