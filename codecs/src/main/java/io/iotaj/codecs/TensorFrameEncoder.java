package io.iotaj.codecs;

import io.iotaj.codecs.sbe.ActivationEncoder;
import io.iotaj.codecs.sbe.Dtype;
import io.iotaj.codecs.sbe.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Writes an {@code Activation} or {@code Gradient} frame in one pass: header, shape, pathway, per-row I8
 * scales, payload and its CRC32C (computed over the source, so the payload is read once more, never copied
 * twice). Gradient shares Activation's layout (checked by {@link FrameLayouts}), so one encoder writes both.
 * Not thread-safe, no allocation.
 */
public final class TensorFrameEncoder
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ActivationEncoder tensor = new ActivationEncoder();
    private final Crc32cChecksum crc = new Crc32cChecksum();

    /** Bytes a frame of this shape needs. */
    public static int frameLength(final int pathwayCount, final int rowScaleCount, final int payloadLength)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + ActivationEncoder.BLOCK_LENGTH +
            2 * ActivationEncoder.PathwayEncoder.HEADER_SIZE +
            pathwayCount * ActivationEncoder.PathwayEncoder.sbeBlockLength() +
            rowScaleCount * ActivationEncoder.RowScalesEncoder.sbeBlockLength() +
            ActivationEncoder.payloadHeaderLength() + payloadLength;
    }

    /**
     * Encodes a frame at {@code offset} and returns its length.
     *
     * @param pathway    miner id per stage so far, the first {@code pathwayCount} entries are used.
     * @param rowScale   per-row scale for I8 ({@code seqLen} entries) or per-column for I8C ({@code width}
     *                   entries), ignored otherwise; may be null.
     * @param rowOffset  the matching offsets, as {@code rowScale}.
     * @param payload    {@code seqLen x width} elements of {@code dtype}, row-major, little-endian.
     */
    public int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final TensorKind kind,
        final long runId,
        final long sampleId,
        final int stage,
        final Dtype dtype,
        final int seqLen,
        final int width,
        final long[] pathway,
        final int pathwayCount,
        final float[] rowScale,
        final float[] rowOffset,
        final DirectBuffer payload,
        final int payloadOffset,
        final int payloadLength)
    {
        tensor.wrapAndApplyHeader(buffer, offset, header);
        header.templateId(kind.templateId());
        tensor.runId(runId)
            .sampleId(sampleId)
            .stage(stage)
            .dtype(dtype)
            .seqLen(seqLen)
            .width(width)
            .payloadCrc32c(crc.compute(payload, payloadOffset, payloadLength));

        final ActivationEncoder.PathwayEncoder hops = tensor.pathwayCount(pathwayCount);
        for (int i = 0; i < pathwayCount; i++)
        {
            hops.next().minerId(pathway[i]);
        }
        final int entries = Dtypes.scaleCount(dtype.value(), seqLen, width);
        final ActivationEncoder.RowScalesEncoder scales = tensor.rowScalesCount(entries);
        for (int i = 0; i < entries; i++)
        {
            scales.next().scale(rowScale[i]).offset(rowOffset[i]);
        }
        tensor.putPayload(payload, payloadOffset, payloadLength);
        return MessageHeaderEncoder.ENCODED_LENGTH + tensor.encodedLength();
    }
}
