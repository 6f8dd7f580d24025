package io.iotaj.runtime.swarm;

import io.iotaj.codecs.EnvelopeVerifier;
import io.iotaj.codecs.FrameValidator;
import io.iotaj.codecs.TensorKind;
import io.iotaj.codecs.sbe.ActivationDecoder;
import io.iotaj.codecs.sbe.AssignDecoder;
import io.iotaj.codecs.sbe.DispatchDecoder;
import io.iotaj.codecs.sbe.EvictDecoder;
import io.iotaj.codecs.sbe.GradientDecoder;
import io.iotaj.codecs.sbe.MessageHeaderDecoder;
import io.iotaj.codecs.sbe.PhaseDecoder;
import io.iotaj.codecs.sbe.PhaseKind;
import io.iotaj.codecs.sbe.Role;
import io.iotaj.codecs.sbe.SignedEnvelopeDecoder;
import io.iotaj.codecs.sbe.ValidationRequestDecoder;
import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;
import io.iotaj.runtime.data.TokenSource;
import io.iotaj.runtime.model.Parameters;
import io.iotaj.runtime.train.AdamW;
import io.iotaj.transport.PublishResult;
import io.aeron.Aeron;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

import java.security.KeyPair;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A miner: joins, learns its stage and the roster from the orchestrator's Assign frames, then runs
 * forward passes for dispatched samples or incoming activations (one slot each, bounded), sends each
 * activation to a next-stage miner by stochastic wiring, sends each gradient back to the exact miner
 * that ran that sample's forward, and at MERGE steps and averages with its stage's replicas. Frames
 * claiming the wrong stage, an unknown sample or a bad shape are refused and counted.
 */
public final class MinerAgent implements Agent
{
    private static final int ORCHESTRATOR = 0;
    private static final int MAX_QUEUED = 16;
    private static final int JOURNAL_SAMPLES = 32;

    private final int id;
    private final SwarmSettings s;
    private final Backend be;
    private final TokenSource data;
    private final double throughput;
    private final Behaviour behaviour;
    private final SplittableRandom tamperRandom;
    private final EvidenceJournal journal = new EvidenceJournal(JOURNAL_SAMPLES);
    private final SwarmLink link;
    private final Directory directory;
    private final Aeron aeron;
    private final EnvelopeVerifier verifier;
    private final ControlFrames control = new ControlFrames();
    private final MinerStats stats = new MinerStats();
    private final byte[] publicKey;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SignedEnvelopeDecoder envelope = new SignedEnvelopeDecoder();
    private final AssignDecoder assign = new AssignDecoder();
    private final DispatchDecoder dispatch = new DispatchDecoder();
    private final EvictDecoder evict = new EvictDecoder();
    private final PhaseDecoder phase = new PhaseDecoder();
    private final ActivationDecoder activation = new ActivationDecoder();
    private final GradientDecoder gradient = new GradientDecoder();
    private final ValidationRequestDecoder validationRequest = new ValidationRequestDecoder();
    private final FrameValidator requeueValidator = new FrameValidator(true);
    private final ArrayDeque<byte[]> queued = new ArrayDeque<>();
    private final ArrayDeque<Long> queuedDispatches = new ArrayDeque<>();
    private final Long2LongHashMap sentTo = new Long2LongHashMap(-1);
    private final LongArrayList lostSamples = new LongArrayList();
    private final StochasticRouter router;

    // the roster: miners per execution stage with their routing weights, from Assign frames
    private final List<List<long[]>> roster = new ArrayList<>();
    private int stage = -1;
    private MinerCompute compute;
    private TensorSender tensors;
    private TensorFrameReader reader;
    private ButterflyMerge merge;
    private WeightReport weightReport;
    private RogueFrames rogue;
    private int rogueSent;
    private Tensor tampered;
    private Tensor gradIn;
    private long[] pathway;
    private double[] nextWeights = new double[0];
    private int[] nextQueued = new int[0];
    private int[] nextIds = new int[0];
    private int mergedRound = -1;
    private int pendingRound = -1;
    private long lastHeartbeatNs;
    /** Five beats per heartbeat timeout, between 50 ms and 1 s: each costs a signature and a verification. */
    private final long heartbeatIntervalNs;
    private long lastJoinNs;
    private volatile long orchestratorLostSinceNs;
    private volatile boolean done;

    public MinerAgent(final int id, final SwarmSettings settings, final Aeron aeron, final Directory directory,
        final KeyPair keys, final EnvelopeVerifier verifier, final Backend backend, final TokenSource data,
        final double throughput, final Behaviour behaviour)
    {
        this.id = id;
        this.behaviour = behaviour;
        this.tamperRandom = new SplittableRandom(settings.seed() * 7919 + id);
        this.s = settings;
        this.heartbeatIntervalNs = Math.min(1_000_000_000L,
            Math.max(50_000_000L, settings.heartbeatTimeoutMs() * 1_000_000L / 5));
        this.be = backend;
        this.data = data;
        this.throughput = throughput;
        this.publicKey = keys.getPublic().getEncoded();
        this.router = new StochasticRouter(settings.seed() * 31 + id);
        this.link = new SwarmLink(aeron, directory, id, keys.getPrivate(), verifier, this::onFrame);
        this.directory = directory;
        this.verifier = verifier;
        this.aeron = aeron;
        for (int st = 0; st < settings.stages(); st++)
        {
            roster.add(new ArrayList<>());
        }
    }

    @Override
    public String roleName()
    {
        return "miner-" + id;
    }

    @Override
    public void onStart()
    {
        KernelWarmup.run(be);
    }

    public int id()
    {
        return id;
    }

    public int stage()
    {
        return stage;
    }

    public MinerStats stats()
    {
        return stats;
    }

    public boolean isDone()
    {
        return done;
    }

    public long activationPayloadBytes()
    {
        return tensors == null ? 0 : tensors.activationPayloadBytes();
    }

    public long activationFrameBytes()
    {
        return tensors == null ? 0 : tensors.activationFrameBytes();
    }

    /** The stage's parameters once assigned (for checks after a run), else null. */
    public List<Parameters> parameterGroups()
    {
        return compute == null ? null : compute.stage().parameterGroups();
    }

    @Override
    public int doWork() throws Exception
    {
        final long now = System.nanoTime();
        int work = link.poll();
        if (compute == null)
        {
            if (now - lastJoinNs > 200_000_000L)
            {
                lastJoinNs = now;
                final int n = control.join(id, Role.MINER, throughput, directory.endpointOf(id), publicKey);
                link.sendControl(ORCHESTRATOR, control.buffer(), 0, n);
                work++;
            }
            return work;
        }
        work += drainQueue();
        if (weightReport != null)
        {
            work += weightReport.doWork();
        }
        if (merge != null)
        {
            work += merge.doWork();
            if (pendingRound >= 0 && merge.finish(pendingRound))
            {
                finishMerge(pendingRound);
            }
        }
        if (now - lastHeartbeatNs > heartbeatIntervalNs)
        {
            // samples whose gradient never came (a peer died, a frame was lost) free their slots; the
            // orchestrator re-issues them under a new attempt
            final int abandoned = compute.abandonOlderThan(now - s.sampleTimeoutMs() * 1_000_000L);
            for (int i = 0; i < abandoned; i++)
            {
                stats.add(MinerStats.Event.ABANDONED);
            }
            heartbeat();
            work++;
        }
        return work;
    }

    /** A planted rogue sends one bad frame per merge to a miner of another stage, until each kind went once. */
    private void misbehave()
    {
        if (rogue == null || rogueSent >= RogueFrames.KINDS)
        {
            return;
        }
        final int otherStage = stage == 0 ? 1 : stage - 1;
        if (otherStage >= s.stages() || roster.get(otherStage).isEmpty())
        {
            return;
        }
        final int peer = (int)roster.get(otherStage).get(0)[0];
        rogue.send(rogueSent++, peer, otherStage, pathway);
    }

    private void onFrame(final DirectBuffer buffer, final int offset, final int length, final FrameValidator v)
    {
        switch (v.templateId())
        {
            case ActivationDecoder.TEMPLATE_ID:
                // behind queued ones, so samples run in the order they came
                if (compute == null || !compute.hasFreeSlot() || merging() || !queued.isEmpty())
                {
                    enqueue(buffer, offset, length);
                }
                else
                {
                    onActivation(buffer, offset, length, v);
                }
                break;
            case GradientDecoder.TEMPLATE_ID:
                onGradient(buffer, offset, v);
                break;
            case SignedEnvelopeDecoder.TEMPLATE_ID:
                onControl(buffer, offset, v);
                break;
            default:
                stats.add(MinerStats.Event.BAD_SHAPE);
        }
    }

    private void onControl(final DirectBuffer buffer, final int offset, final FrameValidator v)
    {
        envelope.wrapAndApplyHeader(buffer, offset, header);
        final int bodyOffset = v.varOffset(0);
        if (envelope.senderId() == s.validatorId() && s.validation().enabled() &&
            v.envelopeBody().templateId() == ValidationRequestDecoder.TEMPLATE_ID)
        {
            validationRequest.wrapAndApplyHeader(buffer, bodyOffset, header);
            onValidationRequest();
            return;
        }
        if (envelope.senderId() != ORCHESTRATOR)
        {
            stats.add(MinerStats.Event.NOT_FROM_ORCHESTRATOR);
            return;
        }
        switch (v.envelopeBody().templateId())
        {
            case AssignDecoder.TEMPLATE_ID:
                assign.wrapAndApplyHeader(buffer, bodyOffset, header);
                onAssign();
                break;
            case DispatchDecoder.TEMPLATE_ID:
                dispatch.wrapAndApplyHeader(buffer, bodyOffset, header);
                onDispatch(dispatch.sampleId());
                break;
            case EvictDecoder.TEMPLATE_ID:
                evict.wrapAndApplyHeader(buffer, bodyOffset, header);
                onEvict(evict.minerId());
                break;
            case io.iotaj.codecs.sbe.PhaseDecoder.TEMPLATE_ID:
                phase.wrapAndApplyHeader(buffer, bodyOffset, header);
                onPhase(phase.phase(), (int)phase.epoch(), phase.learningRate());
                break;
            default:
                break;
        }
    }

    private void onAssign()
    {
        final int st = assign.stage();
        final long miner = assign.minerId();
        final boolean validator = assign.role() == Role.VALIDATOR && miner == s.validatorId();
        if (!validator && (assign.role() != Role.MINER || st >= s.stages() || miner < 1 || miner > s.miners()) ||
            !Peers.introduce(assign, directory, verifier))
        {
            stats.add(MinerStats.Event.BAD_SHAPE);
            return;
        }
        if (validator)
        {
            return;
        }
        final List<long[]> peers = roster.get(st);
        peers.removeIf(e -> e[0] == miner);
        peers.add(new long[]{miner, Double.doubleToLongBits(assign.throughput())});
        if (miner == id && compute == null)
        {
            stage = st;
            compute = new MinerCompute(be, s.model(), s.firstArch(st), s.endArch(st), s.slotsPerMiner(), data, s.seed(),
                s.batch(), s.seq());
            compute.stage().parameters().initialise(s.seed());
            tensors = new TensorSender(link, new ActivationCodec(be));
            reader = new TensorFrameReader(be);
            gradIn = be.allocate(compute.rows(), s.model().boundaryWidth());
            pathway = new long[s.stages()];
            final List<Tensor> state = new ArrayList<>();
            compute.stage().parameterGroups().forEach(g -> g.all().forEach(p -> state.add(p.value())));
            for (final AdamW opt : compute.optimizers())
            {
                state.addAll(opt.firstMoments());
                state.addAll(opt.secondMoments());
            }
            merge = new ButterflyMerge(aeron, directory, s, stage, id, be, state);
            tampered = be.allocate(compute.rows(), s.model().boundaryWidth());
            if (behaviour == Behaviour.ROGUE)
            {
                rogue = new RogueFrames(id, s, link, tensors, be, compute.rows());
            }
            if (s.validation().enabled())
            {
                final List<Tensor> weights = new ArrayList<>();
                compute.stage().parameterGroups().forEach(g -> g.all().forEach(p -> weights.add(p.value())));
                weightReport = new WeightReport(link, be, s.runId(), stage, id, s.validatorId(), weights);
            }
        }
        if (merge != null && roster.get(stage).size() == s.replicas())
        {
            // the stage's whole group is known (before training starts): its links connect before the first merge
            merge.regroup(roster.get(stage).stream().mapToInt(e -> (int)e[0]).toArray());
        }
        if (stage >= 0 && stage + 1 < s.stages())
        {
            refreshNextStage();
        }
    }

    /** The orchestrator evicted a miner: no more activations to it, and no merge waits for it. */
    private void onEvict(final long miner)
    {
        for (final List<long[]> peers : roster)
        {
            peers.removeIf(e -> e[0] == miner);
        }
        stats.add(MinerStats.Event.EVICTIONS_SEEN);
        if (merge != null)
        {
            merge.leaveOut((int)miner);
        }
        if (stage >= 0 && stage + 1 < s.stages())
        {
            refreshNextStage();
            giveUpSamplesSentTo(miner);
        }
    }

    /** Samples whose activation went to {@code miner}, now gone: free their slots and say so, for a re-issue now. */
    private void giveUpSamplesSentTo(final long miner)
    {
        lostSamples.clear();
        sentTo.forEach((wireId, next) ->
        {
            if (next == miner)
            {
                lostSamples.add(wireId);
            }
        });
        for (int i = 0; i < lostSamples.size(); i++)
        {
            final long wireId = lostSamples.get(i);
            sentTo.remove(wireId);
            reportLost(wireId, miner);
        }
    }

    private void reportLost(final long wireId, final long next)
    {
        compute.abandon(wireId);
        stats.add(MinerStats.Event.ABANDONED);
        link.sendControl(ORCHESTRATOR, control.buffer(), 0, control.lost(s.runId(), wireId, next));
    }

    private void refreshNextStage()
    {
        final List<long[]> next = roster.get(stage + 1);
        final int n = next.size();
        if (nextIds.length != n)
        {
            nextIds = new int[n];
            nextWeights = new double[n];
            nextQueued = new int[n];
        }
        for (int i = 0; i < n; i++)
        {
            nextIds[i] = (int)next.get(i)[0];
            nextWeights[i] = Double.longBitsToDouble(next.get(i)[1]);
        }
    }

    private void onDispatch(final long wireId)
    {
        if (compute == null || stage != 0)
        {
            stats.add(MinerStats.Event.WRONG_STAGE);
            return;
        }
        if (compute.holds(wireId))
        {
            stats.add(MinerStats.Event.DUPLICATE);
            return;
        }
        // behind queued ones, so samples run in the order they came
        if (!compute.hasFreeSlot() || merging() || !queuedDispatches.isEmpty())
        {
            if (queuedDispatches.size() >= MAX_QUEUED)
            {
                stats.add(MinerStats.Event.QUEUE_FULL);
                return;
            }
            queuedDispatches.add(wireId);
            stats.add(MinerStats.Event.QUEUED);
            return;
        }
        forwardHead(wireId);
    }

    private void forwardHead(final long wireId)
    {
        journal.begin(wireId, mergedRound, null, 0, 0);
        final Tensor out = compute.forwardHead(wireId);
        stats.add(MinerStats.Event.FORWARDS);
        pathway[0] = id;
        forwardOn(wireId, out, 1);
    }

    private void onActivation(final DirectBuffer buffer, final int offset, final int length, final FrameValidator v)
    {
        activation.wrapAndApplyHeader(buffer, offset, header);
        final long wireId = activation.sampleId();
        final ActivationCodec.Kind kind = TensorSender.kind(activation.dtype());
        if (activation.stage() != stage - 1 || stage <= 0)
        {
            stats.add(MinerStats.Event.WRONG_STAGE);
            return;
        }
        if (kind == null || activation.seqLen() != compute.rows() || activation.width() != s.model().boundaryWidth() ||
            v.groupCount(0) != stage)
        {
            stats.add(MinerStats.Event.BAD_SHAPE);
            return;
        }
        if (compute.holds(wireId))
        {
            stats.add(MinerStats.Event.DUPLICATE);
            return;
        }
        TensorFrameReader.readPathway(buffer, v, pathway, stage);
        pathway[stage] = id;
        journal.begin(wireId, mergedRound, buffer, offset, length);
        final Tensor in = compute.inputBuffer(wireId);
        reader.decode(buffer, v, kind, compute.rows(), s.model().boundaryWidth(), in);
        final Tensor out = compute.forwardClaimed(wireId);
        stats.add(MinerStats.Event.FORWARDS);
        if (stage == s.stages() - 1)
        {
            final double loss = compute.lossAndBackward(wireId);
            stats.add(MinerStats.Event.BACKWARDS);
            // the gradient first: signing the loss report is off the backward chain's critical path
            sendGradient(wireId, compute.lastGradIn());
            final int n = control.lossReport(s.runId(), wireId, (float)loss, pathway, s.stages());
            link.sendControl(ORCHESTRATOR, control.buffer(), 0, n);
            afterBackward();
        }
        else
        {
            forwardOn(wireId, out, stage + 1);
        }
    }

    private void onGradient(final DirectBuffer buffer, final int offset, final FrameValidator v)
    {
        gradient.wrapAndApplyHeader(buffer, offset, header);
        final long wireId = gradient.sampleId();
        if (compute == null || gradient.stage() != stage)
        {
            stats.add(MinerStats.Event.WRONG_STAGE);
            return;
        }
        if (!compute.holds(wireId))
        {
            stats.add(MinerStats.Event.UNKNOWN_SAMPLE);
            return;
        }
        final ActivationCodec.Kind kind = TensorSender.kind(gradient.dtype());
        if (kind == null || gradient.seqLen() != compute.rows() || gradient.width() != s.model().boundaryWidth() ||
            v.groupCount(0) < stage + 1)
        {
            stats.add(MinerStats.Event.BAD_SHAPE);
            return;
        }
        TensorFrameReader.readPathway(buffer, v, pathway, stage + 1);
        reader.decode(buffer, v, kind, compute.rows(), s.model().boundaryWidth(), gradIn);
        final long next = sentTo.remove(wireId);
        releaseNext((int)next);
        final Tensor dIn = compute.backward(wireId, gradIn);
        stats.add(MinerStats.Event.BACKWARDS);
        if (stage > 0)
        {
            sendGradient(wireId, dIn);
        }
        afterBackward();
    }

    /**
     * Reports a backward pass with a heartbeat. In lockstep the miner is its stage's only replica, so it takes its
     * optimizer step at once, with the learning rate of the schedule, as the MERGE it would otherwise wait for
     * would have it do; the orchestrator counts steps by their losses, so the miner reports only its last step
     * (and beats on the timer), since each heartbeat costs a signature and a verification.
     */
    private void afterBackward()
    {
        if (!s.lockstep())
        {
            heartbeat();
            return;
        }
        final int round = Math.max(mergedRound, 0) + 1;
        compute.step(s.adamw().withLr((float)s.schedule().at(round)), s.clipNorm());
        finishMerge(round);
    }

    /** Answers a validator with this sample's journaled frames; an empty output says they are gone. */
    private void onValidationRequest()
    {
        stats.add(MinerStats.Event.VALIDATION_REQUESTS);
        final long wireId = validationRequest.sampleId();
        final int e = journal.find(wireId);
        final boolean held = journal.complete(e) && validationRequest.stage() == stage;
        final int n = control.evidence(validationRequest.requestId(), s.runId(), id, stage, wireId,
            held ? journal.round(e) : -1, held ? journal.input(e) : null, held ? journal.inputLength(e) : 0,
            held ? journal.output(e) : null, held ? journal.outputLength(e) : 0);
        link.sendControl(s.validatorId(), control.buffer(), 0, n);
    }

    private void onPhase(final PhaseKind kind, final int round, final float lr)
    {
        if (kind == PhaseKind.STOP)
        {
            heartbeat(); // the final counts, for an orchestrator in another process
            done = true;
            return;
        }
        if (kind != PhaseKind.MERGE || compute == null || round <= mergedRound || round == pendingRound)
        {
            return;
        }
        final int weight = compute.backwardsSinceStep();
        compute.step(s.adamw().withLr(lr), s.clipNorm());
        if (!merge.start(round, weight))
        {
            finishMerge(round);
            return;
        }
        pendingRound = round;
    }

    private void finishMerge(final int round)
    {
        mergedRound = round;
        pendingRound = -1;
        stats.add(MinerStats.Event.MERGES);
        if (weightReport != null)
        {
            weightReport.start(round);
        }
        misbehave();
        if (!s.lockstep() || round >= s.steps())
        {
            // in lockstep the orchestrator waits only for the last step's confirmation (see afterBackward)
            heartbeat();
        }
    }

    private void forwardOn(final long wireId, final Tensor out, final int nextStage)
    {
        int choice = router.choose(nextWeights, nextQueued, s.minerSlots(), nextIds.length);
        if (choice == StochasticRouter.NONE)
        {
            choice = router.choose(nextWeights, nextQueued, Integer.MAX_VALUE, nextIds.length);
        }
        if (choice == StochasticRouter.NONE)
        {
            stats.add(MinerStats.Event.SEND_FAILED);
            return;
        }
        nextQueued[choice]++;
        sentTo.put(wireId, nextIds[choice]);
        final Tensor sent = behaviour.apply(be, out, compute.inputOf(wireId), tampered, tamperRandom);
        final PublishResult r = tensors.send(nextIds[choice], TensorKind.ACTIVATION, s.runId(), wireId, nextStage - 1,
            sent, compute.rows(), s.model().boundaryWidth(), s.wireKind(), pathway, nextStage);
        journal.output(wireId, tensors.lastFrame(), 0, tensors.lastLength());
        if (r != PublishResult.OK)
        {
            stats.add(MinerStats.Event.SEND_FAILED);
            sentTo.remove(wireId);
            releaseNext(nextIds[choice]);
            reportLost(wireId, nextIds[choice]);
        }
    }

    private void sendGradient(final long wireId, final Tensor dIn)
    {
        final PublishResult r = tensors.send((int)pathway[stage - 1], TensorKind.GRADIENT, s.runId(), wireId,
            stage - 1, dIn, compute.rows(), s.model().boundaryWidth(), ActivationCodec.Kind.F32, pathway, stage + 1);
        if (stage == s.stages() - 1)
        {
            journal.output(wireId, tensors.lastFrame(), 0, tensors.lastLength());
        }
        if (r != PublishResult.OK)
        {
            stats.add(MinerStats.Event.SEND_FAILED);
        }
    }

    private void releaseNext(final int peer)
    {
        for (int i = 0; i < nextIds.length; i++)
        {
            if (nextIds[i] == peer && nextQueued[i] > 0)
            {
                nextQueued[i]--;
            }
        }
    }

    private void enqueue(final DirectBuffer buffer, final int offset, final int length)
    {
        if (queued.size() >= MAX_QUEUED)
        {
            stats.add(MinerStats.Event.QUEUE_FULL);
            return;
        }
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        queued.add(copy);
        stats.add(MinerStats.Event.QUEUED);
    }

    /** While a merge is under way the weights are in flux: forwards wait in the queue until it is done. */
    private boolean merging()
    {
        return pendingRound >= 0;
    }

    private int drainQueue()
    {
        if (merging())
        {
            return 0;
        }
        int work = 0;
        while (!queuedDispatches.isEmpty() && compute.hasFreeSlot())
        {
            final long wireId = queuedDispatches.poll();
            if (compute.holds(wireId))
            {
                stats.add(MinerStats.Event.DUPLICATE);
            }
            else
            {
                forwardHead(wireId);
            }
            work++;
        }
        while (!queued.isEmpty() && compute.hasFreeSlot())
        {
            final byte[] frame = queued.poll();
            final UnsafeBuffer buf = new UnsafeBuffer(frame);
            if (requeueValidator.validate(buf, 0, frame.length) == io.iotaj.codecs.RejectReason.NONE)
            {
                onActivation(buf, 0, frame.length, requeueValidator);
            }
            work++;
        }
        return work;
    }

    private void heartbeat()
    {
        lastHeartbeatNs = System.nanoTime();
        final int n = control.heartbeat(id, Math.max(stage, 0), compute == null ? 0 : compute.inFlight() + queued.size() + queuedDispatches.size(),
            compute == null ? 0 : compute.backwardsSinceStep(), mergedRound, stats.get(MinerStats.Event.FORWARDS),
            stats.get(MinerStats.Event.BACKWARDS), activationFrameBytes(), stats.refused(), link.inboxRejects());
        if (link.sendControl(ORCHESTRATOR, control.buffer(), 0, n) == PublishResult.OK)
        {
            orchestratorLostSinceNs = 0;
        }
        else if (orchestratorLostSinceNs == 0)
        {
            orchestratorLostSinceNs = lastHeartbeatNs;
        }
    }

    /** How long its heartbeats have failed to reach the orchestrator (0 while they arrive). */
    public long orchestratorLostForNs(final long now)
    {
        final long since = orchestratorLostSinceNs;
        return since == 0 ? 0 : now - since;
    }

    @Override
    public void onClose()
    {
        CloseHelper.quietClose(merge);
        link.close();
    }

    public long mergeRejects()
    {
        return merge == null ? 0 : merge.rejected();
    }

    /** Frames its inbox refused before they reached it (malformed, forged, replayed). */
    public long inboxRejects()
    {
        return link.inboxRejects();
    }

    /** The inbox's counters in one line. */
    public String inboxSummary()
    {
        return link.describe();
    }

    /**
     * Where this miner stands, in one line, for a run that did not finish: stage, merge rounds, queued work,
     * counters. Read from another thread while the agent may still run, so a snapshot, not a consistent one.
     */
    public String describeState()
    {
        return "stage " + stage + ", merged round " + mergedRound + ", pending merge " + pendingRound +
            (merge != null && merge.isActive() ? " (running)" : "") + ", queued frames " + queued.size() +
            ", queued dispatches " + queuedDispatches.size() + ", samples sent on " + sentTo.size() + "; " + stats +
            "; " + link.describe();
    }

}
