package io.iotaj.runtime.swarm;

import io.iotaj.codecs.sbe.AssignEncoder;
import io.iotaj.codecs.sbe.DispatchEncoder;
import io.iotaj.codecs.sbe.EvictEncoder;
import io.iotaj.codecs.sbe.EvidenceEncoder;
import io.iotaj.codecs.sbe.ValidationRequestEncoder;
import io.iotaj.codecs.sbe.ValidationResultEncoder;
import io.iotaj.codecs.sbe.Verdict;
import org.agrona.DirectBuffer;
import io.iotaj.codecs.sbe.HeartbeatEncoder;
import io.iotaj.codecs.sbe.JoinEncoder;
import io.iotaj.codecs.sbe.LostEncoder;
import io.iotaj.codecs.sbe.RunConfigEncoder;
import io.iotaj.codecs.sbe.LossReportEncoder;
import io.iotaj.codecs.sbe.MessageHeaderEncoder;
import io.iotaj.codecs.sbe.PhaseEncoder;
import io.iotaj.codecs.sbe.PhaseKind;
import io.iotaj.codecs.sbe.Role;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes the swarm's control frames into one reusable buffer; each method returns the frame's length at
 * offset 0 of {@link #buffer()}. The caller signs and sends it before encoding the next. Not thread-safe.
 */
final class ControlFrames
{
    private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(512);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final JoinEncoder join = new JoinEncoder();
    private final AssignEncoder assign = new AssignEncoder();
    private final RunConfigEncoder runConfig = new RunConfigEncoder();
    private final LostEncoder lost = new LostEncoder();
    private final DispatchEncoder dispatch = new DispatchEncoder();
    private final EvictEncoder evict = new EvictEncoder();
    private final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
    private final PhaseEncoder phase = new PhaseEncoder();
    private final LossReportEncoder loss = new LossReportEncoder();
    private final ValidationRequestEncoder request = new ValidationRequestEncoder();
    private final ValidationResultEncoder result = new ValidationResultEncoder();
    private final EvidenceEncoder evidence = new EvidenceEncoder();
    private static final DirectBuffer EMPTY = new UnsafeBuffer(new byte[0]);

    MutableDirectBuffer buffer()
    {
        return buffer;
    }

    int join(final long minerId, final Role role, final double gflops, final String endpoint, final byte[] publicKey)
    {
        join.wrapAndApplyHeader(buffer, 0, header)
            .minerId(minerId)
            .role(role)
            .backend(io.iotaj.codecs.sbe.Backend.CPU)
            .memoryBytes(Runtime.getRuntime().maxMemory())
            .measuredGflops(gflops)
            .endpoint(endpoint)
            .putPublicKey(publicKey, 0, publicKey.length);
        return MessageHeaderEncoder.ENCODED_LENGTH + join.encodedLength();
    }

    int assign(final long runId, final long minerId, final Role role, final int stage, final int replica,
        final int firstArch, final int archCount, final double throughput, final String endpoint,
        final byte[] publicKey)
    {
        assign.wrapAndApplyHeader(buffer, 0, header)
            .runId(runId)
            .minerId(minerId)
            .role(role)
            .stage(stage)
            .replica(replica)
            .firstLayer(firstArch)
            .layerCount(archCount)
            .throughput(throughput)
            .endpoint(endpoint)
            .putPublicKey(publicKey, 0, publicKey.length);
        return MessageHeaderEncoder.ENCODED_LENGTH + assign.encodedLength();
    }

    int runConfig(final long runId, final byte[] publicKey, final String settingsJson)
    {
        runConfig.wrapAndApplyHeader(buffer, 0, header)
            .runId(runId)
            .putPublicKey(publicKey, 0, publicKey.length)
            .settings(settingsJson);
        return MessageHeaderEncoder.ENCODED_LENGTH + runConfig.encodedLength();
    }

    int dispatch(final long runId, final long wireSampleId)
    {
        dispatch.wrapAndApplyHeader(buffer, 0, header).runId(runId).sampleId(wireSampleId);
        return MessageHeaderEncoder.ENCODED_LENGTH + dispatch.encodedLength();
    }

    int lost(final long runId, final long wireSampleId, final long nextMinerId)
    {
        lost.wrapAndApplyHeader(buffer, 0, header).runId(runId).sampleId(wireSampleId).nextMinerId(nextMinerId);
        return MessageHeaderEncoder.ENCODED_LENGTH + lost.encodedLength();
    }

    int evict(final long runId, final long minerId)
    {
        evict.wrapAndApplyHeader(buffer, 0, header).runId(runId).minerId(minerId);
        return MessageHeaderEncoder.ENCODED_LENGTH + evict.encodedLength();
    }

    int heartbeat(final long minerId, final int stage, final int queueDepth, final int backwardsSinceMerge,
        final int mergedRound, final long forwards, final long backwards, final long activationBytes, final long refused,
        final long inboxRejects)
    {
        heartbeat.wrapAndApplyHeader(buffer, 0, header)
            .minerId(minerId)
            .stage(stage)
            .queueDepth(queueDepth)
            .samplesPerSecond(0f)
            .timestampNanos(System.nanoTime())
            .backwardsSinceMerge(backwardsSinceMerge)
            .mergedRound(mergedRound)
            .forwards(forwards)
            .backwards(backwards)
            .activationBytes(activationBytes)
            .refused(refused)
            .inboxRejects(inboxRejects);
        return MessageHeaderEncoder.ENCODED_LENGTH + heartbeat.encodedLength();
    }

    int phase(final long runId, final PhaseKind kind, final long epoch, final float learningRate)
    {
        phase.wrapAndApplyHeader(buffer, 0, header)
            .runId(runId)
            .phase(kind)
            .epoch(epoch)
            .deadlineEpochMillis(0)
            .learningRate(learningRate);
        return MessageHeaderEncoder.ENCODED_LENGTH + phase.encodedLength();
    }

    int lossReport(final long runId, final long wireSampleId, final float value, final long[] pathway,
        final int pathwayCount)
    {
        loss.wrapAndApplyHeader(buffer, 0, header).runId(runId).sampleId(wireSampleId).loss(value);
        final LossReportEncoder.PathwayEncoder hops = loss.pathwayCount(pathwayCount);
        for (int i = 0; i < pathwayCount; i++)
        {
            hops.next().minerId(pathway[i]);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + loss.encodedLength();
    }

    int validationRequest(final long requestId, final long runId, final long validatorId, final long minerId,
        final int stage, final long wireSampleId)
    {
        request.wrapAndApplyHeader(buffer, 0, header)
            .requestId(requestId).runId(runId).validatorId(validatorId).minerId(minerId).stage(stage)
            .sampleId(wireSampleId);
        return MessageHeaderEncoder.ENCODED_LENGTH + request.encodedLength();
    }

    int validationResult(final long requestId, final long validatorId, final long minerId, final Verdict verdict,
        final float maxAbsError, final double score)
    {
        result.wrapAndApplyHeader(buffer, 0, header)
            .requestId(requestId).validatorId(validatorId).minerId(minerId).verdict(verdict)
            .maxAbsError(maxAbsError).score(score);
        return MessageHeaderEncoder.ENCODED_LENGTH + result.encodedLength();
    }

    /** Evidence of one sample's work; an empty input or output is written as zero bytes. */
    int evidence(final long requestId, final long runId, final long minerId, final int stage, final long wireSampleId,
        final int mergedRound, final DirectBuffer input, final int inputLength, final DirectBuffer output,
        final int outputLength)
    {
        buffer.checkLimit(MessageHeaderEncoder.ENCODED_LENGTH + EvidenceEncoder.BLOCK_LENGTH +
            EvidenceEncoder.inputHeaderLength() + inputLength + EvidenceEncoder.outputHeaderLength() + outputLength);
        evidence.wrapAndApplyHeader(buffer, 0, header)
            .requestId(requestId).runId(runId).minerId(minerId).stage(stage).sampleId(wireSampleId)
            .mergedRound(mergedRound)
            .putInput(input == null ? EMPTY : input, 0, inputLength)
            .putOutput(output == null ? EMPTY : output, 0, outputLength);
        return MessageHeaderEncoder.ENCODED_LENGTH + evidence.encodedLength();
    }
}
