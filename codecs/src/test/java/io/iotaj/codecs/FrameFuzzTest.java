package io.iotaj.codecs;

import io.iotaj.codecs.sbe.ActivationDecoder;
import io.iotaj.codecs.sbe.Dtype;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million mutated frames through the validator, every tenth frame a valid one. The view handed to the
 * validator ends exactly where the frame ends and Agrona's bounds checks are on, so any read past the frame
 * would throw and fail the test. Frames that survive mutation are decoded in place to prove that is safe.
 */
class FrameFuzzTest
{
    private static final int MUTANTS = 1_000_000;
    private static final int VALID_EVERY = 10;

    private final Random random = new Random(20261124);
    private final byte[] scratch = new byte[64 * 1024];
    private final UnsafeBuffer view = new UnsafeBuffer(scratch);
    private final FrameValidator validator = new FrameValidator(true);
    private final ActivationDecoder activation = new ActivationDecoder();
    private final RejectCounts rejects = new RejectCounts();

    @Test
    void rejectsMutantsWithReasonsAndDeliversEveryValidFrame()
    {
        final List<byte[]> valid = validFrames();
        long delivered = 0;
        long validSent = 0;
        long acceptedMutants = 0;
        int mutants = 0;
        int sequence = 0;
        while (mutants < MUTANTS)
        {
            final byte[] frame = valid.get(random.nextInt(valid.size()));
            if (sequence++ % VALID_EVERY == 0)
            {
                validSent++;
                System.arraycopy(frame, 0, scratch, 0, frame.length);
                view.wrap(scratch, 0, frame.length);
                if (validator.validate(view, 0, frame.length) == RejectReason.NONE)
                {
                    delivered++;
                }
                continue;
            }
            mutants++;
            final int length = mutate(frame);
            view.wrap(scratch, 0, length);
            final RejectReason reason = validator.validate(view, 0, length);
            if (!rejects.record(reason))
            {
                acceptedMutants++;
                decodeInPlace(length);
            }
        }

        assertEquals(validSent, delivered, "every valid frame interleaved with the mutants is delivered");
        assertEquals(MUTANTS, rejects.total() + acceptedMutants);
        // Damage to fields without rules (ids, sequence numbers) leaves a valid frame, which then decodes.
        assertTrue(rejects.total() > MUTANTS * 0.6, rejects.toString());
        final EnumSet<RejectReason> expected = EnumSet.of(
            RejectReason.TRUNCATED, RejectReason.WRONG_SCHEMA, RejectReason.WRONG_VERSION,
            RejectReason.UNKNOWN_TEMPLATE, RejectReason.BAD_BLOCK_LENGTH, RejectReason.BAD_GROUP_COUNT,
            RejectReason.GROUP_PAST_END, RejectReason.VAR_DATA_PAST_END, RejectReason.TRAILING_BYTES,
            RejectReason.BAD_SHAPE, RejectReason.BAD_CRC, RejectReason.NON_FINITE);
        for (final RejectReason reason : expected)
        {
            assertTrue(rejects.get(reason) > 0, reason + " never seen: " + rejects);
        }
    }

    private List<byte[]> validFrames()
    {
        final SampleFrames frames = new SampleFrames();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 * 1024]);
        final List<byte[]> result = new ArrayList<>();
        for (final Dtype dtype : new Dtype[]{ Dtype.F32, Dtype.BF16, Dtype.F16, Dtype.I8, Dtype.I8C })
        {
            for (final TensorKind kind : TensorKind.values())
            {
                result.add(copy(buffer, frames.tensor(buffer, 0, kind, dtype, 1 + random.nextInt(6), 8, random)));
            }
        }
        result.add(copy(buffer, frames.paramChunk(buffer, 0, random)));
        result.add(copy(buffer, frames.ciphertext(buffer, 0)));
        result.add(copy(buffer, frames.join(buffer, 0, Ed25519Keys.generate().getPublic().getEncoded())));
        result.add(copy(buffer, frames.assign(buffer, 0)));
        result.add(copy(buffer, frames.runConfig(buffer, 0)));
        result.add(copy(buffer, frames.lost(buffer, 0)));
        result.add(copy(buffer, frames.heartbeat(buffer, 0)));
        result.add(copy(buffer, frames.phase(buffer, 0)));
        result.add(copy(buffer, frames.lossReport(buffer, 0)));
        result.add(copy(buffer, frames.validationRequest(buffer, 0)));
        result.add(copy(buffer, frames.validationResult(buffer, 0)));
        result.add(copy(buffer, frames.scores(buffer, 0)));
        return result;
    }

    private static byte[] copy(final UnsafeBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    /** Copies the frame into scratch with one kind of damage; returns the damaged frame's length. */
    private int mutate(final byte[] frame)
    {
        System.arraycopy(frame, 0, scratch, 0, frame.length);
        final UnsafeBuffer whole = new UnsafeBuffer(scratch);
        final int length = frame.length;
        final int at = random.nextInt(length);
        switch (random.nextInt(10))
        {
            case 0: // truncated anywhere, including inside the header
                return random.nextInt(length);
            case 1: // bytes appended
                final int extra = 1 + random.nextInt(64);
                for (int i = 0; i < extra; i++)
                {
                    scratch[length + i] = (byte)random.nextInt();
                }
                return length + extra;
            case 2: // header field: block length, template, schema id or version
                whole.putShort(2 * random.nextInt(4), (short)random.nextInt(), ByteOrder.LITTLE_ENDIAN);
                return length;
            case 3: // a huge 16-bit count or length somewhere
                whole.putShort(Math.min(at, length - 2), (short)(0xFF00 | random.nextInt(256)), ByteOrder.LITTLE_ENDIAN);
                return length;
            case 4: // a huge or negative 32-bit length somewhere
                whole.putInt(Math.min(at, length - 4), random.nextBoolean() ? -1 - random.nextInt(1000) :
                    length + random.nextInt(1 << 20), ByteOrder.LITTLE_ENDIAN);
                return length;
            case 5: // a NaN or infinity at an aligned spot
                whole.putFloat(Math.min(at & ~3, length - 4), random.nextBoolean() ? Float.NaN :
                    Float.NEGATIVE_INFINITY, ByteOrder.LITTLE_ENDIAN);
                return length;
            case 6: // a NaN with the payload CRC fixed up, so only the finiteness check can catch it
                return nanWithGoodCrc(whole, length);
            default: // one to four random byte flips
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--)
                {
                    scratch[random.nextInt(length)] ^= (byte)(1 << random.nextInt(8));
                }
                return length;
        }
    }

    private int nanWithGoodCrc(final UnsafeBuffer whole, final int length)
    {
        view.wrap(scratch, 0, length);
        final RejectReason reason = validator.validate(view, 0, length);
        final int template = validator.templateId();
        if (reason != RejectReason.NONE || template > 2 || validator.varLength(0) < 4)
        {
            return length;
        }
        final int payload = validator.varOffset(0);
        final int payloadLength = validator.varLength(0);
        final boolean int8 = validator.groupCount(1) > 0;
        final int spot = int8 ? validator.groupOffset(1) : payload + (random.nextInt(payloadLength / 4) * 4);
        if (int8 || (scratch[FrameValidator.HEADER_LENGTH + ActivationDecoder.dtypeEncodingOffset()] == 0))
        {
            whole.putFloat(spot, Float.NaN, ByteOrder.LITTLE_ENDIAN);
        }
        else
        {
            whole.putShort(spot, (short)0x7FFF, ByteOrder.LITTLE_ENDIAN);
        }
        whole.putInt(FrameValidator.HEADER_LENGTH + ActivationDecoder.payloadCrc32cEncodingOffset(),
            (int)new Crc32cChecksum().compute(whole, payload, payloadLength), ByteOrder.LITTLE_ENDIAN);
        return length;
    }

    /** A frame the validator accepted must decode in place without any exception. */
    private void decodeInPlace(final int length)
    {
        if (validator.templateId() > 2)
        {
            return;
        }
        activation.wrap(view, FrameValidator.HEADER_LENGTH, ActivationDecoder.BLOCK_LENGTH, FrameValidator.SCHEMA_VERSION);
        long sum = activation.runId() + activation.seqLen() + activation.width() + activation.dtype().value();
        for (final ActivationDecoder.PathwayDecoder hop : activation.pathway())
        {
            sum += hop.minerId();
        }
        for (final ActivationDecoder.RowScalesDecoder row : activation.rowScales())
        {
            sum += (long)row.scale();
        }
        sum += activation.payloadLength();
        activation.skipPayload();
        assertEquals(length, FrameValidator.HEADER_LENGTH + activation.encodedLength(), "decoded " + sum);
    }
}
