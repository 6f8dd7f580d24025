package io.iotaj.codecs;

import io.iotaj.codecs.sbe.ActivationDecoder;
import io.iotaj.codecs.sbe.CiphertextDecoder;
import io.iotaj.codecs.sbe.Dtype;
import io.iotaj.codecs.sbe.GradientDecoder;
import io.iotaj.codecs.sbe.MessageHeaderDecoder;
import io.iotaj.codecs.sbe.ParamChunkDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FrameValidatorTest
{
    private static final int OFFSET = 24;
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 16));
    private final SampleFrames frames = new SampleFrames();
    private final FrameValidator validator = new FrameValidator(true);
    private final Random random = new Random(42);

    @ParameterizedTest
    @EnumSource(Dtype.class)
    void acceptsTensorFramesOfEveryDtypeAndDecodesThem(final Dtype dtype)
    {
        if (dtype == Dtype.NULL_VAL)
        {
            return;
        }
        final int length = frames.tensor(buffer, OFFSET, TensorKind.ACTIVATION, dtype, 4, 8, random);
        assertEquals(RejectReason.NONE, validator.validate(buffer, OFFSET, length));
        assertEquals(ActivationDecoder.TEMPLATE_ID, validator.templateId());

        final ActivationDecoder decoder = new ActivationDecoder();
        decoder.wrapAndApplyHeader(buffer, OFFSET, new MessageHeaderDecoder());
        assertEquals(dtype, decoder.dtype());
        assertEquals(4, decoder.seqLen());
        int hops = 0;
        for (final ActivationDecoder.PathwayDecoder hop : decoder.pathway())
        {
            assertEquals(SampleFrames.PATHWAY[hops++], hop.minerId());
        }
        assertEquals(3, hops);
        int rows = 0;
        for (final ActivationDecoder.RowScalesDecoder row : decoder.rowScales())
        {
            rows += row.scale() > 0 ? 1 : 0;
        }
        assertEquals(dtype == Dtype.I8 ? 4 : dtype == Dtype.I8C ? 8 : 0, rows, "a scale per row for I8, per column for I8C");
        assertEquals(4 * 8 * Dtypes.elementBytes(dtype), decoder.payloadLength());
    }

    @Test
    void gradientSharesTheTensorRules()
    {
        final int length = frames.tensor(buffer, OFFSET, TensorKind.GRADIENT, Dtype.BF16, 3, 5, random);
        assertEquals(RejectReason.NONE, validator.validate(buffer, OFFSET, length));
        assertEquals(GradientDecoder.TEMPLATE_ID, validator.templateId());
        buffer.putShort(validator.varOffset(0) + 4, (short)0x7FC0, ByteOrder.LITTLE_ENDIAN);
        assertEquals(RejectReason.BAD_CRC, validator.validate(buffer, OFFSET, length));
    }

    @Test
    void acceptsEveryOtherMessageType()
    {
        final byte[] key = Ed25519Keys.generate().getPublic().getEncoded();
        final int[] lengths = {
            frames.paramChunk(buffer, OFFSET, random),
            frames.ciphertext(buffer, 4096),
            frames.join(buffer, 8192, key),
            frames.assign(buffer, 12288),
            frames.heartbeat(buffer, 16384),
            frames.phase(buffer, 20480),
            frames.lossReport(buffer, 24576),
            frames.validationRequest(buffer, 28672),
            frames.validationResult(buffer, 32768),
            frames.scores(buffer, 36864),
        };
        final int[] offsets = { OFFSET, 4096, 8192, 12288, 16384, 20480, 24576, 28672, 32768, 36864 };
        for (int i = 0; i < lengths.length; i++)
        {
            assertEquals(RejectReason.NONE, validator.validate(buffer, offsets[i], lengths[i]), "frame " + i);
        }
    }

    @Test
    void rejectsHeaderProblems()
    {
        final int length = frames.heartbeat(buffer, OFFSET);
        assertEquals(RejectReason.TRUNCATED, validator.validate(buffer, OFFSET, 7));
        assertEquals(RejectReason.TRUNCATED, validator.validate(buffer, OFFSET, length - 1));
        assertEquals(RejectReason.TRUNCATED, validator.validate(buffer, buffer.capacity() - 4, 40));

        expectAfterPutShort(OFFSET + 4, 4208, length, RejectReason.WRONG_SCHEMA);
        expectAfterPutShort(OFFSET + 6, FrameValidator.SCHEMA_VERSION + 1, length, RejectReason.WRONG_VERSION);
        expectAfterPutShort(OFFSET + 6, 0, length, RejectReason.WRONG_VERSION);
        expectAfterPutShort(OFFSET + 2, 29, length, RejectReason.UNKNOWN_TEMPLATE);
        expectAfterPutShort(OFFSET + 2, 65535, length, RejectReason.UNKNOWN_TEMPLATE);
        expectAfterPutShort(OFFSET, 12, length, RejectReason.BAD_BLOCK_LENGTH);
    }

    @Test
    void rejectsGroupAndVarDataLengthsPastTheFrame()
    {
        final int length = frames.tensor(buffer, OFFSET, TensorKind.ACTIVATION, Dtype.F32, 4, 8, random);
        assertEquals(RejectReason.NONE, validator.validate(buffer, OFFSET, length));
        final int pathwayHeader = validator.groupOffset(0) - 4;
        final int scalesHeader = validator.groupOffset(1) - 4;
        final int payloadHeader = validator.varOffset(0) - 4;

        expectAfterPutShort(pathwayHeader + 2, 65535, length, RejectReason.BAD_GROUP_COUNT);
        expectAfterPutShort(pathwayHeader + 2, 1000, length, RejectReason.GROUP_PAST_END);
        expectAfterPutShort(pathwayHeader, 9, length, RejectReason.BAD_GROUP_BLOCK_LENGTH);
        expectAfterPutShort(scalesHeader + 2, 65535, length, RejectReason.GROUP_PAST_END);

        final int good = buffer.getInt(payloadHeader, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(payloadHeader, -1, ByteOrder.LITTLE_ENDIAN);
        assertEquals(RejectReason.VAR_DATA_PAST_END, validator.validate(buffer, OFFSET, length));
        buffer.putInt(payloadHeader, good + 1, ByteOrder.LITTLE_ENDIAN);
        assertEquals(RejectReason.VAR_DATA_PAST_END, validator.validate(buffer, OFFSET, length));
        buffer.putInt(payloadHeader, good, ByteOrder.LITTLE_ENDIAN);

        assertEquals(RejectReason.TRAILING_BYTES, validator.validate(buffer, OFFSET, length + 3));
        assertEquals(RejectReason.NONE, validator.validate(buffer, OFFSET, length));
    }

    @Test
    void rejectsShapeEnumCrcAndNonFinitePayloads()
    {
        final int length = frames.tensor(buffer, OFFSET, TensorKind.ACTIVATION, Dtype.F32, 4, 8, random);
        final int block = OFFSET + FrameValidator.HEADER_LENGTH;
        expectAfterPutByte(block + ActivationDecoder.dtypeEncodingOffset(), 9, length, RejectReason.BAD_ENUM);
        expectAfterPutByte(block + ActivationDecoder.dtypeEncodingOffset(), 1, length, RejectReason.BAD_SHAPE);
        expectAfterPutInt(block + ActivationDecoder.widthEncodingOffset(), 7, length, RejectReason.BAD_SHAPE);
        expectAfterPutInt(block + ActivationDecoder.seqLenEncodingOffset(), -4, length, RejectReason.BAD_SHAPE);
        expectAfterPutInt(block + ActivationDecoder.payloadCrc32cEncodingOffset(), 5, length, RejectReason.BAD_CRC);

        assertEquals(RejectReason.NONE, validator.validate(buffer, OFFSET, length));
        final int payload = validator.varOffset(0);
        for (final float bad : new float[]{ Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY })
        {
            final float saved = buffer.getFloat(payload + 60, ByteOrder.LITTLE_ENDIAN);
            buffer.putFloat(payload + 60, bad, ByteOrder.LITTLE_ENDIAN);
            rewriteCrc(buffer, block + ActivationDecoder.payloadCrc32cEncodingOffset(), payload, 4 * 8 * 4);
            assertEquals(RejectReason.NON_FINITE, validator.validate(buffer, OFFSET, length));
            buffer.putFloat(payload + 60, saved, ByteOrder.LITTLE_ENDIAN);
            rewriteCrc(buffer, block + ActivationDecoder.payloadCrc32cEncodingOffset(), payload, 4 * 8 * 4);
            assertEquals(RejectReason.NONE, validator.validate(buffer, OFFSET, length));
        }
    }

    @Test
    void rejectsNonFiniteRowScaleOfInt8Tensor()
    {
        final int length = frames.tensor(buffer, OFFSET, TensorKind.ACTIVATION, Dtype.I8, 4, 8, random);
        assertEquals(RejectReason.NONE, validator.validate(buffer, OFFSET, length));
        expectAfterPutInt(validator.groupOffset(1) + 8 * 3 + 4, Float.floatToIntBits(Float.NaN), length,
            RejectReason.NON_FINITE);

        // 2 x 16 int8 is still 32 payload bytes, but four row scales no longer match two rows.
        final int block = OFFSET + FrameValidator.HEADER_LENGTH;
        buffer.putInt(block + ActivationDecoder.seqLenEncodingOffset(), 2, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(block + ActivationDecoder.widthEncodingOffset(), 16, ByteOrder.LITTLE_ENDIAN);
        assertEquals(RejectReason.BAD_SHAPE, validator.validate(buffer, OFFSET, length));
    }

    @Test
    void checksParamChunkAndCiphertextPayloads()
    {
        final int chunk = frames.paramChunk(buffer, OFFSET, random);
        final int block = OFFSET + FrameValidator.HEADER_LENGTH;
        expectAfterPutInt(block + ParamChunkDecoder.elementCountEncodingOffset(), 15, chunk, RejectReason.BAD_SHAPE);
        expectAfterPutByte(block + ParamChunkDecoder.kindEncodingOffset(), 3, chunk, RejectReason.BAD_ENUM);
        expectAfterPutByte(block + ParamChunkDecoder.weightEncodingOffset() + 7, 0x80, chunk, RejectReason.BAD_SHAPE);
        assertEquals(RejectReason.NONE, validator.validate(buffer, OFFSET, chunk));
        expectAfterPutByte(validator.varOffset(0) + 3, 0x7F, chunk, RejectReason.BAD_CRC);

        final int cipher = frames.ciphertext(buffer, OFFSET);
        expectAfterPutInt(block + CiphertextDecoder.levelEncodingOffset(), -1, cipher, RejectReason.BAD_SHAPE);
        assertEquals(RejectReason.NONE, validator.validate(buffer, OFFSET, cipher));
        expectAfterPutByte(validator.varOffset(0), 1, cipher, RejectReason.BAD_CRC);
    }

    @Test
    void refusesBareControlWhenSignaturesAreRequired()
    {
        final int length = frames.phase(buffer, OFFSET);
        assertEquals(RejectReason.NONE, validator.validate(buffer, OFFSET, length));
        assertEquals(RejectReason.UNSIGNED_CONTROL, new FrameValidator(false).validate(buffer, OFFSET, length));
    }

    private static void rewriteCrc(final UnsafeBuffer buffer, final int field, final int payload, final int length)
    {
        buffer.putInt(field, (int)new Crc32cChecksum().compute(buffer, payload, length), ByteOrder.LITTLE_ENDIAN);
    }

    private void expectAfterPutShort(final int at, final int value, final int length, final RejectReason expected)
    {
        final short saved = buffer.getShort(at, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(at, (short)value, ByteOrder.LITTLE_ENDIAN);
        assertEquals(expected, validator.validate(buffer, OFFSET, length));
        buffer.putShort(at, saved, ByteOrder.LITTLE_ENDIAN);
        assertEquals(RejectReason.NONE, validator.validate(buffer, OFFSET, length), "restored");
    }

    private void expectAfterPutInt(final int at, final int value, final int length, final RejectReason expected)
    {
        final int saved = buffer.getInt(at, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(at, value, ByteOrder.LITTLE_ENDIAN);
        assertEquals(expected, validator.validate(buffer, OFFSET, length));
        buffer.putInt(at, saved, ByteOrder.LITTLE_ENDIAN);
        assertEquals(RejectReason.NONE, validator.validate(buffer, OFFSET, length), "restored");
    }

    private void expectAfterPutByte(final int at, final int value, final int length, final RejectReason expected)
    {
        final byte saved = buffer.getByte(at);
        buffer.putByte(at, (byte)value);
        assertEquals(expected, validator.validate(buffer, OFFSET, length));
        buffer.putByte(at, saved);
        assertEquals(RejectReason.NONE, validator.validate(buffer, OFFSET, length), "restored");
    }
}
