package io.iotaj.codecs;

import io.iotaj.codecs.sbe.AssignEncoder;
import io.iotaj.codecs.sbe.Backend;
import io.iotaj.codecs.sbe.ChunkKind;
import io.iotaj.codecs.sbe.CiphertextEncoder;
import io.iotaj.codecs.sbe.Dtype;
import io.iotaj.codecs.sbe.HeartbeatEncoder;
import io.iotaj.codecs.sbe.JoinEncoder;
import io.iotaj.codecs.sbe.LossReportEncoder;
import io.iotaj.codecs.sbe.LostEncoder;
import io.iotaj.codecs.sbe.RunConfigEncoder;
import io.iotaj.codecs.sbe.MessageHeaderEncoder;
import io.iotaj.codecs.sbe.ParamChunkEncoder;
import io.iotaj.codecs.sbe.PhaseEncoder;
import io.iotaj.codecs.sbe.PhaseKind;
import io.iotaj.codecs.sbe.Role;
import io.iotaj.codecs.sbe.ScoresEncoder;
import io.iotaj.codecs.sbe.ValidationRequestEncoder;
import io.iotaj.codecs.sbe.ValidationResultEncoder;
import io.iotaj.codecs.sbe.Verdict;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.Random;

/** One valid frame of each message type, for tests. */
final class SampleFrames
{
    static final long[] PATHWAY = { 11, 22, 33 };
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final Crc32cChecksum crc = new Crc32cChecksum();
    private final TensorFrameEncoder tensors = new TensorFrameEncoder();

    /** F32/BF16/F16 payloads get small finite values, I8 gets random bytes and per-row scales. */
    int tensor(final MutableDirectBuffer buffer, final int offset, final TensorKind kind, final Dtype dtype,
        final int seqLen, final int width, final Random random)
    {
        final int length = seqLen * width * Dtypes.elementBytes(dtype);
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[length]);
        fillFinite(payload, length, dtype, random);
        final int entries = Math.max(seqLen, width);
        final float[] scales = new float[entries];
        final float[] offsets = new float[entries];
        for (int i = 0; i < entries; i++)
        {
            scales[i] = random.nextFloat() + 0.01f;
            offsets[i] = random.nextFloat() - 0.5f;
        }
        return tensors.encode(buffer, offset, kind, 7, random.nextInt(1000), 2, dtype, seqLen, width,
            PATHWAY, PATHWAY.length, scales, offsets, payload, 0, length);
    }

    static void fillFinite(final MutableDirectBuffer payload, final int length, final Dtype dtype, final Random random)
    {
        switch (dtype)
        {
            case F32:
                for (int i = 0; i < length; i += 4)
                {
                    payload.putFloat(i, (float)random.nextGaussian(), ByteOrder.LITTLE_ENDIAN);
                }
                break;
            case BF16:
                for (int i = 0; i < length; i += 2)
                {
                    final int bits = Float.floatToIntBits((float)random.nextGaussian());
                    payload.putShort(i, (short)(bits >>> 16), ByteOrder.LITTLE_ENDIAN);
                }
                break;
            case F16:
                for (int i = 0; i < length; i += 2)
                {
                    payload.putShort(i, toHalf((float)random.nextGaussian()), ByteOrder.LITTLE_ENDIAN);
                }
                break;
            default:
                for (int i = 0; i < length; i++)
                {
                    payload.putByte(i, (byte)random.nextInt());
                }
        }
    }

    /** Float to IEEE half by truncation; tiny values flush to zero, huge ones clamp to the largest finite. */
    static short toHalf(final float value)
    {
        final int bits = Float.floatToIntBits(value);
        final int sign = (bits >>> 16) & 0x8000;
        final int exponent = ((bits >>> 23) & 0xFF) - 127 + 15;
        if (exponent <= 0)
        {
            return (short)sign;
        }
        if (exponent >= 31)
        {
            return (short)(sign | 0x7BFF);
        }
        return (short)(sign | exponent << 10 | ((bits >>> 13) & 0x3FF));
    }

    int paramChunk(final MutableDirectBuffer buffer, final int offset, final Random random)
    {
        final int count = 16;
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[count * 4]);
        fillFinite(payload, count * 4, Dtype.F32, random);
        final ParamChunkEncoder encoder = new ParamChunkEncoder().wrapAndApplyHeader(buffer, offset, header);
        encoder.runId(7).stage(1).dtype(Dtype.F32).mergeRound(3).chunkIndex(2).elementOffset(4096)
            .elementCount(count).sender(22).payloadCrc32c(crc.compute(payload, 0, count * 4))
            .step((short)1).kind(ChunkKind.REDUCED).weight(40).contributors(0b1011)
            .putPayload(payload, 0, count * 4);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    int ciphertext(final MutableDirectBuffer buffer, final int offset)
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[96]);
        for (int i = 0; i < 96; i++)
        {
            payload.putByte(i, (byte)(i * 31));
        }
        final CiphertextEncoder encoder = new CiphertextEncoder().wrapAndApplyHeader(buffer, offset, header);
        encoder.sessionId(9).parameterSetId(1).level(3).scale(Math.pow(2, 40))
            .payloadCrc32c(crc.compute(payload, 0, 96)).putPayload(payload, 0, 96);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    int join(final MutableDirectBuffer buffer, final int offset, final byte[] publicKey)
    {
        final JoinEncoder encoder = new JoinEncoder().wrapAndApplyHeader(buffer, offset, header);
        encoder.minerId(22).role(Role.MINER).backend(Backend.CUDA).memoryBytes(80L << 30).measuredGflops(51_000.5)
            .endpoint("10.0.0.2:40123").putPublicKey(publicKey, 0, publicKey.length);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    int assign(final MutableDirectBuffer buffer, final int offset)
    {
        final AssignEncoder encoder = new AssignEncoder().wrapAndApplyHeader(buffer, offset, header);
        final byte[] key = Ed25519Keys.generate().getPublic().getEncoded();
        encoder.runId(7).minerId(22).role(Role.MINER).stage(1).replica(0).firstLayer(4).layerCount(4)
            .endpoint("10.0.0.7:40022").putPublicKey(key, 0, key.length);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    int runConfig(final MutableDirectBuffer buffer, final int offset)
    {
        final RunConfigEncoder encoder = new RunConfigEncoder().wrapAndApplyHeader(buffer, offset, header);
        final byte[] key = Ed25519Keys.generate().getPublic().getEncoded();
        encoder.runId(7).putPublicKey(key, 0, key.length).settings("{\"stages\": 2}");
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    int lost(final MutableDirectBuffer buffer, final int offset)
    {
        final LostEncoder encoder = new LostEncoder().wrapAndApplyHeader(buffer, offset, header);
        encoder.runId(7).sampleId(5 * 256 + 1).nextMinerId(3);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    int heartbeat(final MutableDirectBuffer buffer, final int offset)
    {
        final HeartbeatEncoder encoder = new HeartbeatEncoder().wrapAndApplyHeader(buffer, offset, header);
        encoder.minerId(22).stage(1).queueDepth(3).samplesPerSecond(12.5f).timestampNanos(123456789L)
            .backwardsSinceMerge(2).mergedRound(4).forwards(40).backwards(39).activationBytes(1 << 20).refused(1)
            .inboxRejects(2);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    int phase(final MutableDirectBuffer buffer, final int offset)
    {
        final PhaseEncoder encoder = new PhaseEncoder().wrapAndApplyHeader(buffer, offset, header);
        encoder.runId(7).phase(PhaseKind.MERGE).epoch(4).deadlineEpochMillis(1_800_000_000_000L);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    int lossReport(final MutableDirectBuffer buffer, final int offset)
    {
        final LossReportEncoder encoder = new LossReportEncoder().wrapAndApplyHeader(buffer, offset, header);
        encoder.runId(7).sampleId(99).loss(3.25f);
        final LossReportEncoder.PathwayEncoder hops = encoder.pathwayCount(PATHWAY.length);
        for (final long id : PATHWAY)
        {
            hops.next().minerId(id);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    int validationRequest(final MutableDirectBuffer buffer, final int offset)
    {
        final ValidationRequestEncoder encoder = new ValidationRequestEncoder()
            .wrapAndApplyHeader(buffer, offset, header);
        encoder.requestId(5).runId(7).validatorId(900).minerId(22).stage(1).sampleId(99);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    int validationResult(final MutableDirectBuffer buffer, final int offset)
    {
        final ValidationResultEncoder encoder = new ValidationResultEncoder()
            .wrapAndApplyHeader(buffer, offset, header);
        encoder.requestId(5).validatorId(900).minerId(22).verdict(Verdict.PASS).maxAbsError(1e-5f).score(0.97);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    int scores(final MutableDirectBuffer buffer, final int offset)
    {
        final ScoresEncoder encoder = new ScoresEncoder().wrapAndApplyHeader(buffer, offset, header);
        encoder.runId(7).epoch(4);
        final ScoresEncoder.EntriesEncoder entries = encoder.entriesCount(3);
        for (int i = 0; i < 3; i++)
        {
            entries.next().minerId(PATHWAY[i]).score(0.25 * (i + 1));
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }
}
