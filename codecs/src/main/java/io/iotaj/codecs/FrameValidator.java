package io.iotaj.codecs;

import io.iotaj.codecs.sbe.ActivationDecoder;
import io.iotaj.codecs.sbe.AssignDecoder;
import io.iotaj.codecs.sbe.CiphertextDecoder;
import io.iotaj.codecs.sbe.DispatchDecoder;
import io.iotaj.codecs.sbe.GradientDecoder;
import io.iotaj.codecs.sbe.HeartbeatDecoder;
import io.iotaj.codecs.sbe.JoinDecoder;
import io.iotaj.codecs.sbe.LossReportDecoder;
import io.iotaj.codecs.sbe.LostDecoder;
import io.iotaj.codecs.sbe.MessageHeaderDecoder;
import io.iotaj.codecs.sbe.ParamChunkDecoder;
import io.iotaj.codecs.sbe.PhaseDecoder;
import io.iotaj.codecs.sbe.RunConfigDecoder;
import io.iotaj.codecs.sbe.ScoresDecoder;
import io.iotaj.codecs.sbe.SignedEnvelopeDecoder;
import io.iotaj.codecs.sbe.ValidationResultDecoder;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Checks a whole frame before anything decodes it: header (schema id, version, template, block length), every
 * group header and count, every variable-length field against the frame's end, no trailing bytes, then the
 * message's own rules (enum values, tensor shape against payload length, CRC32C, no NaN or infinity).
 * <p>
 * Returns a {@link RejectReason} and never throws for any bytes. After an accepted frame, the positions of
 * its groups and variable-length fields stay readable here until the next call. Not thread-safe, no
 * allocation: one per receiving agent.
 */
public final class FrameValidator
{
    public static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    public static final int SCHEMA_ID = MessageHeaderDecoder.SCHEMA_ID;
    public static final int SCHEMA_VERSION = MessageHeaderDecoder.SCHEMA_VERSION;
    static final int ED25519_SIGNATURE_LENGTH = 64;
    private static final int MAX_PUBLIC_KEY_LENGTH = 512;
    private static final long DOUBLE_EXP = 0x7FF0_0000_0000_0000L;

    private final boolean acceptUnsignedControl;
    private final FrameValidator envelopeBody;
    private final Crc32cChecksum crc = new Crc32cChecksum();
    private final int[] groupCounts = new int[FrameLayouts.maxGroups()];
    private final int[] groupOffsets = new int[FrameLayouts.maxGroups()];
    private final int[] varOffsets = new int[FrameLayouts.maxVarFields()];
    private final int[] varLengths = new int[FrameLayouts.maxVarFields()];
    private int templateId;

    /**
     * @param acceptUnsignedControl whether bare control messages pass; receivers off a network say false so
     *                              control only arrives inside a {@link SignedEnvelopeDecoder signed envelope}.
     */
    public FrameValidator(final boolean acceptUnsignedControl)
    {
        this(acceptUnsignedControl, new FrameValidator(true, null));
    }

    private FrameValidator(final boolean acceptUnsignedControl, final FrameValidator envelopeBody)
    {
        this.acceptUnsignedControl = acceptUnsignedControl;
        this.envelopeBody = envelopeBody;
    }

    public RejectReason validate(final DirectBuffer buffer, final int offset, final int length)
    {
        templateId = -1;
        final RejectReason structure = walk(buffer, offset, length);
        if (structure != RejectReason.NONE)
        {
            return structure;
        }
        return checkMessage(buffer, offset + HEADER_LENGTH);
    }

    /** Template id of the last frame that got past the header checks, or -1. */
    public int templateId()
    {
        return templateId;
    }

    public int groupCount(final int group)
    {
        return groupCounts[group];
    }

    /** Buffer offset of the first entry of a group in the last accepted frame. */
    public int groupOffset(final int group)
    {
        return groupOffsets[group];
    }

    /** Buffer offset of a variable-length field's bytes (after its length prefix) in the last accepted frame. */
    public int varOffset(final int field)
    {
        return varOffsets[field];
    }

    public int varLength(final int field)
    {
        return varLengths[field];
    }

    private RejectReason walk(final DirectBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || length < HEADER_LENGTH || (long)offset + length > buffer.capacity())
        {
            return RejectReason.TRUNCATED;
        }
        final int blockLength = buffer.getShort(offset, LITTLE_ENDIAN) & 0xFFFF;
        final int template = buffer.getShort(offset + 2, LITTLE_ENDIAN) & 0xFFFF;
        final int schemaId = buffer.getShort(offset + 4, LITTLE_ENDIAN) & 0xFFFF;
        final int version = buffer.getShort(offset + 6, LITTLE_ENDIAN) & 0xFFFF;
        if (schemaId != SCHEMA_ID)
        {
            return RejectReason.WRONG_SCHEMA;
        }
        if (version != SCHEMA_VERSION)
        {
            return RejectReason.WRONG_VERSION;
        }
        final FrameLayout layout = FrameLayouts.forTemplate(template);
        if (layout == null)
        {
            return RejectReason.UNKNOWN_TEMPLATE;
        }
        templateId = template;
        if (blockLength != layout.blockLength)
        {
            return RejectReason.BAD_BLOCK_LENGTH;
        }

        final long end = (long)offset + length;
        long position = (long)offset + HEADER_LENGTH + blockLength;
        if (position > end)
        {
            return RejectReason.TRUNCATED;
        }
        for (int g = 0; g < layout.groupBlockLengths.length; g++)
        {
            if (position + ActivationDecoder.PathwayDecoder.HEADER_SIZE > end)
            {
                return RejectReason.TRUNCATED;
            }
            final int groupBlockLength = buffer.getShort((int)position, LITTLE_ENDIAN) & 0xFFFF;
            final int count = buffer.getShort((int)position + 2, LITTLE_ENDIAN) & 0xFFFF;
            if (groupBlockLength != layout.groupBlockLengths[g])
            {
                return RejectReason.BAD_GROUP_BLOCK_LENGTH;
            }
            if (count > layout.groupMaxCounts[g])
            {
                return RejectReason.BAD_GROUP_COUNT;
            }
            position += ActivationDecoder.PathwayDecoder.HEADER_SIZE;
            groupOffsets[g] = (int)position;
            groupCounts[g] = count;
            position += (long)count * groupBlockLength;
            if (position > end)
            {
                return RejectReason.GROUP_PAST_END;
            }
        }
        for (int v = 0; v < layout.varHeaderLengths.length; v++)
        {
            final int headerLength = layout.varHeaderLengths[v];
            if (position + headerLength > end)
            {
                return RejectReason.TRUNCATED;
            }
            final long dataLength = headerLength == 4 ?
                buffer.getInt((int)position, LITTLE_ENDIAN) & 0xFFFF_FFFFL :
                buffer.getShort((int)position, LITTLE_ENDIAN) & 0xFFFF;
            position += headerLength;
            if (position + dataLength > end)
            {
                return RejectReason.VAR_DATA_PAST_END;
            }
            varOffsets[v] = (int)position;
            varLengths[v] = (int)dataLength;
            position += dataLength;
        }
        if (position != end)
        {
            return RejectReason.TRAILING_BYTES;
        }
        if (layout.control && !acceptUnsignedControl)
        {
            return RejectReason.UNSIGNED_CONTROL;
        }
        return RejectReason.NONE;
    }

    private RejectReason checkMessage(final DirectBuffer buffer, final int block)
    {
        switch (templateId)
        {
            case ActivationDecoder.TEMPLATE_ID:
            case GradientDecoder.TEMPLATE_ID:
                return checkTensor(buffer, block);
            case ParamChunkDecoder.TEMPLATE_ID:
                return checkParamChunk(buffer, block);
            case CiphertextDecoder.TEMPLATE_ID:
                return checkCiphertext(buffer, block);
            case JoinDecoder.TEMPLATE_ID:
                return checkJoin(buffer, block);
            case AssignDecoder.TEMPLATE_ID:
                return checkAssign(buffer, block);
            case RunConfigDecoder.TEMPLATE_ID:
                return varLengths[0] <= MAX_PUBLIC_KEY_LENGTH ? RejectReason.NONE : RejectReason.BAD_SHAPE;
            case HeartbeatDecoder.TEMPLATE_ID:
                return finiteFloat(buffer, block + HeartbeatDecoder.samplesPerSecondEncodingOffset()) ?
                    RejectReason.NONE : RejectReason.NON_FINITE;
            case PhaseDecoder.TEMPLATE_ID:
                if (!enumWithin(buffer, block + PhaseDecoder.phaseEncodingOffset(), 3))
                {
                    return RejectReason.BAD_ENUM;
                }
                return finiteFloat(buffer, block + PhaseDecoder.learningRateEncodingOffset()) ?
                    RejectReason.NONE : RejectReason.NON_FINITE;
            case DispatchDecoder.TEMPLATE_ID:
                return buffer.getLong(block + DispatchDecoder.sampleIdEncodingOffset(), LITTLE_ENDIAN) >= 0 ?
                    RejectReason.NONE : RejectReason.BAD_SHAPE;
            case LostDecoder.TEMPLATE_ID:
                return buffer.getLong(block + LostDecoder.sampleIdEncodingOffset(), LITTLE_ENDIAN) >= 0 ?
                    RejectReason.NONE : RejectReason.BAD_SHAPE;
            case LossReportDecoder.TEMPLATE_ID:
                return finiteFloat(buffer, block + LossReportDecoder.lossEncodingOffset()) ?
                    RejectReason.NONE : RejectReason.NON_FINITE;
            case ValidationResultDecoder.TEMPLATE_ID:
                if (!enumWithin(buffer, block + ValidationResultDecoder.verdictEncodingOffset(), 2))
                {
                    return RejectReason.BAD_ENUM;
                }
                return finiteFloat(buffer, block + ValidationResultDecoder.maxAbsErrorEncodingOffset()) &&
                    finiteDouble(buffer, block + ValidationResultDecoder.scoreEncodingOffset()) ?
                    RejectReason.NONE : RejectReason.NON_FINITE;
            case ScoresDecoder.TEMPLATE_ID:
                return checkScores(buffer);
            case SignedEnvelopeDecoder.TEMPLATE_ID:
                return envelopeBody == null ? RejectReason.NOT_CONTROL : checkEnvelope(buffer);
            default:
                return RejectReason.NONE;
        }
    }

    private RejectReason checkTensor(final DirectBuffer buffer, final int block)
    {
        final int dtype = buffer.getByte(block + ActivationDecoder.dtypeEncodingOffset()) & 0xFF;
        final int elementBytes = Dtypes.elementBytes(dtype);
        if (elementBytes < 0)
        {
            return RejectReason.BAD_ENUM;
        }
        final int seqLen = buffer.getInt(block + ActivationDecoder.seqLenEncodingOffset(), LITTLE_ENDIAN);
        final int width = buffer.getInt(block + ActivationDecoder.widthEncodingOffset(), LITTLE_ENDIAN);
        final boolean int8 = elementBytes == 1;
        if (seqLen <= 0 || width <= 0 || (long)seqLen * width * elementBytes != varLengths[0] ||
            groupCounts[1] != Dtypes.scaleCount(dtype, seqLen, width))
        {
            return RejectReason.BAD_SHAPE;
        }
        if (!crcMatches(buffer, block + ActivationDecoder.payloadCrc32cEncodingOffset()))
        {
            return RejectReason.BAD_CRC;
        }
        final boolean nonFinite = int8 ?
            NonFiniteScan.hasNonFinite(buffer, groupOffsets[1],
                groupCounts[1] * ActivationDecoder.RowScalesDecoder.sbeBlockLength(), 0) :
            NonFiniteScan.hasNonFinite(buffer, varOffsets[0], varLengths[0], dtype);
        return nonFinite ? RejectReason.NON_FINITE : RejectReason.NONE;
    }

    private RejectReason checkParamChunk(final DirectBuffer buffer, final int block)
    {
        final int dtype = buffer.getByte(block + ParamChunkDecoder.dtypeEncodingOffset()) & 0xFF;
        final int elementBytes = Dtypes.elementBytes(dtype);
        if (elementBytes < 0)
        {
            return RejectReason.BAD_ENUM;
        }
        final int count = buffer.getInt(block + ParamChunkDecoder.elementCountEncodingOffset(), LITTLE_ENDIAN);
        final long elementOffset = buffer.getLong(block + ParamChunkDecoder.elementOffsetEncodingOffset(),
            LITTLE_ENDIAN);
        if (!enumWithin(buffer, block + ParamChunkDecoder.kindEncodingOffset(), 2))
        {
            return RejectReason.BAD_ENUM;
        }
        if (count < 0 || elementOffset < 0 || (long)count * elementBytes != varLengths[0] ||
            buffer.getLong(block + ParamChunkDecoder.weightEncodingOffset(), LITTLE_ENDIAN) < 0)
        {
            return RejectReason.BAD_SHAPE;
        }
        if (!crcMatches(buffer, block + ParamChunkDecoder.payloadCrc32cEncodingOffset()))
        {
            return RejectReason.BAD_CRC;
        }
        return NonFiniteScan.hasNonFinite(buffer, varOffsets[0], varLengths[0], dtype) ?
            RejectReason.NON_FINITE : RejectReason.NONE;
    }

    private RejectReason checkCiphertext(final DirectBuffer buffer, final int block)
    {
        if (buffer.getInt(block + CiphertextDecoder.parameterSetIdEncodingOffset(), LITTLE_ENDIAN) < 0 ||
            buffer.getInt(block + CiphertextDecoder.levelEncodingOffset(), LITTLE_ENDIAN) < 0)
        {
            return RejectReason.BAD_SHAPE;
        }
        final double scale = buffer.getDouble(block + CiphertextDecoder.scaleEncodingOffset(), LITTLE_ENDIAN);
        if (!finiteDouble(buffer, block + CiphertextDecoder.scaleEncodingOffset()) || scale <= 0)
        {
            return RejectReason.NON_FINITE;
        }
        return crcMatches(buffer, block + CiphertextDecoder.payloadCrc32cEncodingOffset()) ?
            RejectReason.NONE : RejectReason.BAD_CRC;
    }

    private RejectReason checkJoin(final DirectBuffer buffer, final int block)
    {
        if (!enumWithin(buffer, block + JoinDecoder.roleEncodingOffset(), 1) ||
            !enumWithin(buffer, block + JoinDecoder.backendEncodingOffset(), 1))
        {
            return RejectReason.BAD_ENUM;
        }
        if (buffer.getLong(block + JoinDecoder.memoryBytesEncodingOffset(), LITTLE_ENDIAN) < 0 ||
            varLengths[1] > MAX_PUBLIC_KEY_LENGTH)
        {
            return RejectReason.BAD_SHAPE;
        }
        return finiteDouble(buffer, block + JoinDecoder.measuredGflopsEncodingOffset()) ?
            RejectReason.NONE : RejectReason.NON_FINITE;
    }

    private RejectReason checkAssign(final DirectBuffer buffer, final int block)
    {
        if (!enumWithin(buffer, block + AssignDecoder.roleEncodingOffset(), 1))
        {
            return RejectReason.BAD_ENUM;
        }
        if (buffer.getInt(block + AssignDecoder.replicaEncodingOffset(), LITTLE_ENDIAN) < 0 ||
            buffer.getInt(block + AssignDecoder.firstLayerEncodingOffset(), LITTLE_ENDIAN) < 0 ||
            buffer.getInt(block + AssignDecoder.layerCountEncodingOffset(), LITTLE_ENDIAN) < 0 ||
            varLengths[1] > MAX_PUBLIC_KEY_LENGTH)
        {
            return RejectReason.BAD_SHAPE;
        }
        return finiteDouble(buffer, block + AssignDecoder.throughputEncodingOffset()) ?
            RejectReason.NONE : RejectReason.NON_FINITE;
    }

    private RejectReason checkScores(final DirectBuffer buffer)
    {
        final int entryLength = ScoresDecoder.EntriesDecoder.sbeBlockLength();
        for (int i = 0, count = groupCounts[0]; i < count; i++)
        {
            if (!finiteDouble(buffer,
                groupOffsets[0] + i * entryLength + ScoresDecoder.EntriesDecoder.scoreEncodingOffset()))
            {
                return RejectReason.NON_FINITE;
            }
        }
        return RejectReason.NONE;
    }

    private RejectReason checkEnvelope(final DirectBuffer buffer)
    {
        if (varLengths[1] != ED25519_SIGNATURE_LENGTH)
        {
            return RejectReason.BAD_SIGNATURE;
        }
        final RejectReason body = envelopeBody.validate(buffer, varOffsets[0], varLengths[0]);
        if (body != RejectReason.NONE)
        {
            return body;
        }
        return FrameLayouts.forTemplate(envelopeBody.templateId()).control ?
            RejectReason.NONE : RejectReason.NOT_CONTROL;
    }

    /** The validator of the last envelope's body: its template and field positions. */
    public FrameValidator envelopeBody()
    {
        return envelopeBody;
    }

    private boolean crcMatches(final DirectBuffer buffer, final int crcFieldOffset)
    {
        final long expected = buffer.getInt(crcFieldOffset, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
        return crc.compute(buffer, varOffsets[0], varLengths[0]) == expected;
    }

    private static boolean enumWithin(final DirectBuffer buffer, final int fieldOffset, final int maxValue)
    {
        return (buffer.getByte(fieldOffset) & 0xFF) <= maxValue;
    }

    private static boolean finiteFloat(final DirectBuffer buffer, final int fieldOffset)
    {
        return (buffer.getInt(fieldOffset, LITTLE_ENDIAN) & 0x7F80_0000) != 0x7F80_0000;
    }

    private static boolean finiteDouble(final DirectBuffer buffer, final int fieldOffset)
    {
        return (buffer.getLong(fieldOffset, LITTLE_ENDIAN) & DOUBLE_EXP) != DOUBLE_EXP;
    }
}
