package io.iotaj.runtime.swarm;

import io.iotaj.codecs.EnvelopeVerifier;
import io.iotaj.codecs.FrameValidator;
import io.iotaj.codecs.RejectReason;
import io.iotaj.codecs.sbe.ActivationDecoder;
import io.iotaj.codecs.sbe.AssignDecoder;
import io.iotaj.codecs.sbe.EvictDecoder;
import io.iotaj.codecs.sbe.EvidenceDecoder;
import io.iotaj.codecs.sbe.GradientDecoder;
import io.iotaj.codecs.sbe.LossReportDecoder;
import io.iotaj.codecs.sbe.MessageHeaderDecoder;
import io.iotaj.codecs.sbe.ParamChunkDecoder;
import io.iotaj.codecs.sbe.PhaseDecoder;
import io.iotaj.codecs.sbe.RunConfigDecoder;
import io.iotaj.codecs.sbe.PhaseKind;
import io.iotaj.codecs.sbe.Role;
import io.iotaj.codecs.sbe.SignedEnvelopeDecoder;
import io.iotaj.codecs.sbe.Verdict;
import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;
import io.iotaj.runtime.data.TokenSource;
import io.aeron.Aeron;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

import java.security.KeyPair;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The validator: shadows the miners. For a random share of the samples whose loss the orchestrator
 * accepted, it asks every miner of the pathway for its signed evidence (the frame it received, the frame
 * it sent, the merge round it computed with), re-runs that stage's forward (or, on the tail, the loss and
 * backward) with the stage's reference weights, and applies IOTA's test (magnitude ratio, then cosine); on
 * body stages it also tests what the stage added to its input, which a miner passing its input through
 * cannot fake. After each merge it takes every replica's reported weights, adopts their coordinate-wise
 * median as the stage's reference and tests each replica against it. Every verdict goes to the
 * orchestrator as a ValidationResult.
 */
public final class ValidatorAgent implements Agent
{
    private static final int ORCHESTRATOR = 0;
    private static final long ADOPT_GRACE_NS = 200_000_000L;
    private static final long EXPIRY_SCAN_NS = 10_000_000L;

    /** Verdict counts of one miner. */
    public record Tally(long passed, long failed, long missing)
    {
    }

    private final int id;
    private final SwarmSettings s;
    private final Backend be;
    private final SwarmLink link;
    private final Directory directory;
    private final EnvelopeVerifier verifier;
    private final ControlFrames control = new ControlFrames();
    private final byte[] publicKey;
    private final SplittableRandom random;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SignedEnvelopeDecoder envelope = new SignedEnvelopeDecoder();
    private final AssignDecoder assign = new AssignDecoder();
    private final EvictDecoder evict = new EvictDecoder();
    private final PhaseDecoder phase = new PhaseDecoder();
    private final LossReportDecoder loss = new LossReportDecoder();
    private final EvidenceDecoder evidence = new EvidenceDecoder();
    private final ActivationDecoder tensorFrame = new ActivationDecoder();
    private final FrameValidator parkedValidator = new FrameValidator(true);
    private final FrameValidator inputValidator = new FrameValidator(false);
    private final FrameValidator outputValidator = new FrameValidator(false);
    private final ParamChunks chunks = new ParamChunks();
    private final TensorFrameReader reader;
    private final List<List<Integer>> roster = new ArrayList<>();
    private final StageReference[] references;
    private final long[] readySinceNs;
    private final Long2ObjectHashMap<long[]> pending = new Long2ObjectHashMap<>();
    private final ArrayDeque<byte[]> parked = new ArrayDeque<>();
    private final Int2ObjectHashMap<long[]> tallies = new Int2ObjectHashMap<>();
    private final Tensor input, output;
    private final float[] inputValues, outputValues, expectedValues;
    private final List<long[]> expired = new ArrayList<>();
    private long lastExpiryScanNs;
    private long nextRequest = 1;
    private long stale;
    private long refused;
    private long lastJoinNs;
    private boolean assigned;
    private volatile boolean done;

    public ValidatorAgent(final SwarmSettings settings, final Aeron aeron, final Directory directory,
        final KeyPair keys, final EnvelopeVerifier verifier, final Backend backend, final TokenSource data)
    {
        this.id = settings.validatorId();
        this.s = settings;
        this.be = backend;
        this.publicKey = keys.getPublic().getEncoded();
        this.random = new SplittableRandom(settings.seed() * 104_729 + 7);
        this.link = new SwarmLink(aeron, directory, id, keys.getPrivate(), verifier, this::onFrame);
        this.directory = directory;
        this.verifier = verifier;
        this.reader = new TensorFrameReader(backend);
        this.references = new StageReference[settings.stages()];
        this.readySinceNs = new long[settings.stages()];
        for (int st = 0; st < settings.stages(); st++)
        {
            roster.add(new ArrayList<>());
            references[st] = new StageReference(backend, settings, st, data);
        }
        final int rows = settings.batch() * settings.seq();
        final int width = settings.model().boundaryWidth();
        input = backend.allocate(rows, width);
        output = backend.allocate(rows, width);
        inputValues = new float[rows * width];
        outputValues = new float[rows * width];
        expectedValues = new float[rows * width];
    }

    @Override
    public String roleName()
    {
        return "validator";
    }

    public boolean isDone()
    {
        return done;
    }

    /** Verdicts so far for one miner (zeros when it was never checked). */
    public synchronized Tally tally(final int miner)
    {
        final long[] t = tallies.get(miner);
        return t == null ? new Tally(0, 0, 0) : new Tally(t[0], t[1], t[2]);
    }

    /** Evidence that came for weights already replaced, and frames refused as malformed or unasked. */
    public String summary()
    {
        return "stale=" + stale + " refused=" + refused + " " + link.describe();
    }

    @Override
    public int doWork()
    {
        final long now = System.nanoTime();
        int work = link.poll();
        if (!assigned)
        {
            if (now - lastJoinNs > 200_000_000L)
            {
                lastJoinNs = now;
                final int n = control.join(id, Role.VALIDATOR, 0, directory.endpointOf(id), publicKey);
                link.sendControl(ORCHESTRATOR, control.buffer(), 0, n);
                work++;
            }
            return work;
        }
        work += expireRequests(now);
        for (int st = 0; st < references.length; st++)
        {
            work += maybeAdopt(st, now);
        }
        return work;
    }

    private void onFrame(final DirectBuffer buffer, final int offset, final int length, final FrameValidator v)
    {
        if (v.templateId() == ParamChunkDecoder.TEMPLATE_ID)
        {
            final ParamChunks chunk = chunks.wrap(buffer, offset);
            final int st = chunk.stage();
            if (st < 0 || st >= references.length || !roster.get(st).contains(chunk.sender()) ||
                !references[st].onChunk(chunk, buffer, v))
            {
                refused++;
            }
            return;
        }
        if (v.templateId() != SignedEnvelopeDecoder.TEMPLATE_ID)
        {
            refused++;
            return;
        }
        envelope.wrapAndApplyHeader(buffer, offset, header);
        final int sender = (int)envelope.senderId();
        final int bodyOffset = v.varOffset(0);
        final int bodyTemplate = v.envelopeBody().templateId();
        if (sender == ORCHESTRATOR)
        {
            onOrchestrator(buffer, bodyOffset, bodyTemplate);
        }
        else if (bodyTemplate == EvidenceDecoder.TEMPLATE_ID)
        {
            onEvidence(sender, buffer, bodyOffset, v.varLength(0), v.envelopeBody());
        }
        else
        {
            refused++;
        }
    }

    private void onOrchestrator(final DirectBuffer buffer, final int bodyOffset, final int template)
    {
        switch (template)
        {
            case AssignDecoder.TEMPLATE_ID:
                assign.wrapAndApplyHeader(buffer, bodyOffset, header);
                if (assign.role() == Role.MINER && assign.stage() < s.stages() &&
                    Peers.introduce(assign, directory, verifier))
                {
                    final Integer miner = (int)assign.minerId();
                    roster.forEach(r -> r.remove(miner));
                    roster.get(assign.stage()).add(miner);
                    assigned = true;
                }
                break;
            case EvictDecoder.TEMPLATE_ID:
                evict.wrapAndApplyHeader(buffer, bodyOffset, header);
                final Integer gone = (int)evict.minerId();
                roster.forEach(r -> r.remove(gone));
                break;
            case LossReportDecoder.TEMPLATE_ID:
                loss.wrapAndApplyHeader(buffer, bodyOffset, header);
                onCompletedSample();
                break;
            case RunConfigDecoder.TEMPLATE_ID:
                break; // the answer to a repeated Join: this validator already has the run's settings
            case PhaseDecoder.TEMPLATE_ID:
                phase.wrapAndApplyHeader(buffer, bodyOffset, header);
                done |= phase.phase() == PhaseKind.STOP;
                break;
            default:
                refused++;
        }
    }

    /** A sample whose loss counted: with probability {@code share}, ask each miner of its pathway for evidence. */
    private void onCompletedSample()
    {
        final long wireId = loss.sampleId();
        if (random.nextDouble() >= s.validation().share())
        {
            return;
        }
        int st = 0;
        for (final LossReportDecoder.PathwayDecoder hop : loss.pathway())
        {
            final int miner = (int)hop.minerId();
            final long requestId = nextRequest++;
            pending.put(requestId, new long[]{miner, st, wireId, System.nanoTime()});
            final int n = control.validationRequest(requestId, s.runId(), id, miner, st, wireId);
            link.sendControl(miner, control.buffer(), 0, n);
            st++;
        }
    }

    private void onEvidence(final int sender, final DirectBuffer buffer, final int offset, final int length,
        final FrameValidator body)
    {
        evidence.wrapAndApplyHeader(buffer, offset, header);
        final long[] asked = pending.get(evidence.requestId());
        if (asked == null || asked[0] != sender || evidence.minerId() != sender || evidence.stage() != asked[1] ||
            evidence.sampleId() != asked[2])
        {
            refused++;
            return;
        }
        pending.remove(evidence.requestId());
        final int st = (int)asked[1];
        if (body.varLength(1) == 0)
        {
            verdict(evidence.requestId(), sender, Verdict.MISSING, Float.NaN, 0);
            return;
        }
        final int round = evidence.mergedRound();
        if (references[st].computeFor(round) != null)
        {
            check(buffer, offset, body);
        }
        else if (round > references[st].round())
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            parked.add(copy);
        }
        else
        {
            stale++;
        }
    }

    /** Re-runs the work an Evidence message (validated by {@code body}, at {@code offset}) claims and judges it. */
    private void check(final DirectBuffer buffer, final int offset, final FrameValidator body)
    {
        evidence.wrapAndApplyHeader(buffer, offset, header);
        final long requestId = evidence.requestId();
        final int miner = (int)evidence.minerId();
        final int st = evidence.stage();
        final long wireId = evidence.sampleId();
        final boolean tail = st == s.stages() - 1;
        final int rows = s.batch() * s.seq();
        final int n = rows * s.model().boundaryWidth();
        if (!readTensor(buffer, body.varOffset(1), body.varLength(1), outputValidator,
            tail ? GradientDecoder.TEMPLATE_ID : ActivationDecoder.TEMPLATE_ID, wireId, output) ||
            (st > 0 && !readTensor(buffer, body.varOffset(0), body.varLength(0), inputValidator,
                ActivationDecoder.TEMPLATE_ID, wireId, input)))
        {
            verdict(requestId, miner, Verdict.FAIL, Float.NaN, 0);
            return;
        }
        final MinerCompute compute = references[st].computeFor(evidence.mergedRound());
        final Tensor out = st == 0 ? compute.forwardHead(wireId) : compute.forward(wireId, input);
        final Tensor expected;
        if (tail)
        {
            compute.lossAndBackward(wireId);
            expected = compute.lastGradIn();
        }
        else
        {
            expected = out;
        }
        be.read(expected, expectedValues);
        compute.abandon(wireId);
        be.read(output, outputValues);
        final ValidationCheck.Outcome raw = s.validation().check().compare(expectedValues, outputValues, n);
        boolean passed = raw.passed();
        if (st > 0 && !tail)
        {
            // the residual stream crosses the boundary, so a pass-through looks like the output: test the update
            be.read(input, inputValues);
            passed &= s.validation().check().compare(expectedValues, inputValues, outputValues, inputValues, n)
                .passed();
        }
        verdict(requestId, miner, passed ? Verdict.PASS : Verdict.FAIL, (float)raw.maxAbsError(), raw.cosine());
    }

    /** Validates a nested tensor frame of the expected kind and sample and decodes it into {@code dst}. */
    private boolean readTensor(final DirectBuffer buffer, final int offset, final int length,
        final FrameValidator v, final int template, final long wireId, final Tensor dst)
    {
        if (length == 0 || v.validate(buffer, offset, length) != RejectReason.NONE || v.templateId() != template)
        {
            return false;
        }
        // Gradient keeps Activation's layout (FrameLayouts checks it), so one decoder reads both
        header.wrap(buffer, offset);
        tensorFrame.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final ActivationCodec.Kind kind = TensorSender.kind(tensorFrame.dtype());
        if (kind == null || tensorFrame.sampleId() != wireId || tensorFrame.seqLen() != s.batch() * s.seq() ||
            tensorFrame.width() != s.model().boundaryWidth())
        {
            return false;
        }
        reader.decode(buffer, v, kind, s.batch() * s.seq(), s.model().boundaryWidth(), dst);
        return true;
    }

    private int expireRequests(final long now)
    {
        if (now - lastExpiryScanNs < EXPIRY_SCAN_NS)
        {
            return 0;
        }
        lastExpiryScanNs = now;
        final long timeoutNs = s.validation().evidenceTimeoutMs() * 1_000_000L;
        int work = 0;
        final Long2ObjectHashMap<long[]>.EntryIterator it = pending.entrySet().iterator();
        expired.clear();
        while (it.hasNext())
        {
            it.next();
            final long[] asked = it.getValue();
            if (now - asked[3] > timeoutNs)
            {
                expired.add(new long[]{it.getLongKey(), asked[0]});
                it.remove();
            }
        }
        for (final long[] e : expired)
        {
            verdict(e[0], (int)e[1], Verdict.MISSING, Float.NaN, 0);
            work++;
        }
        return work;
    }

    /**
     * Moves stage {@code st} to the newest merge every live replica reported (or, after the evidence timeout,
     * that any replica reported), once no evidence for it is outstanding or a short grace has passed; judges
     * every reporter's weights and then the evidence parked for that round.
     */
    private int maybeAdopt(final int st, final long now)
    {
        final StageReference ref = references[st];
        final List<Integer> replicas = roster.get(st);
        final int any = ref.completeRound(replicas, true);
        if (any < 0)
        {
            readySinceNs[st] = 0;
            return 0;
        }
        if (readySinceNs[st] == 0)
        {
            readySinceNs[st] = now;
        }
        final long waited = now - readySinceNs[st];
        int round = ref.completeRound(replicas, false);
        if (round < 0 && waited > s.validation().evidenceTimeoutMs() * 1_000_000L)
        {
            round = any;
        }
        if (round < 0 || (hasPending(st) && waited < ADOPT_GRACE_NS))
        {
            return 0;
        }
        final Int2ObjectHashMap<Double> cosines = ref.adopt(round, replicas);
        cosines.forEach((miner, cos) -> verdict(0, miner, cos > s.validation().minWeightCosine() ? Verdict.PASS :
            Verdict.FAIL, Float.NaN, cos));
        readySinceNs[st] = 0;
        drainParked();
        return 1;
    }

    private boolean hasPending(final int st)
    {
        for (final long[] asked : pending.values())
        {
            if (asked[1] == st)
            {
                return true;
            }
        }
        return false;
    }

    /** Checks parked evidence whose round is now loaded; drops evidence for rounds already replaced. */
    private void drainParked()
    {
        for (final Iterator<byte[]> it = parked.iterator(); it.hasNext(); )
        {
            final byte[] copy = it.next();
            final UnsafeBuffer buf = new UnsafeBuffer(copy);
            if (parkedValidator.validate(buf, 0, copy.length) != RejectReason.NONE)
            {
                it.remove();
                refused++;
                continue;
            }
            evidence.wrapAndApplyHeader(buf, 0, header);
            final StageReference ref = references[evidence.stage()];
            if (ref.computeFor(evidence.mergedRound()) != null)
            {
                it.remove();
                check(buf, 0, parkedValidator);
            }
            else if (evidence.mergedRound() < ref.round())
            {
                it.remove();
                stale++;
            }
        }
    }

    private void verdict(final long requestId, final int miner, final Verdict verdict, final float maxAbsError,
        final double score)
    {
        synchronized (this)
        {
            final long[] t = tallies.computeIfAbsent(miner, k -> new long[3]);
            t[verdict == Verdict.PASS ? 0 : verdict == Verdict.FAIL ? 1 : 2]++;
        }
        final int n = control.validationResult(requestId, id, miner, verdict, maxAbsError, score);
        link.sendControl(ORCHESTRATOR, control.buffer(), 0, n);
    }

    @Override
    public void onClose()
    {
        link.close();
    }
}
