package io.iotaj.runtime.swarm;

import io.iotaj.clasp.ledger.PathwayLedger;
import io.iotaj.codecs.EnvelopeVerifier;
import io.iotaj.codecs.FrameValidator;
import io.iotaj.codecs.sbe.HeartbeatDecoder;
import io.iotaj.codecs.sbe.JoinDecoder;
import io.iotaj.codecs.sbe.LossReportDecoder;
import io.iotaj.codecs.sbe.LostDecoder;
import io.iotaj.codecs.sbe.MessageHeaderDecoder;
import io.iotaj.codecs.sbe.PhaseKind;
import io.iotaj.codecs.sbe.Role;
import io.iotaj.codecs.sbe.SignedEnvelopeDecoder;
import io.iotaj.codecs.sbe.ValidationResultDecoder;
import io.iotaj.codecs.sbe.Verdict;
import io.aeron.Aeron;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.Agent;

import java.security.KeyPair;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The orchestrator: registers miners, balances them over stages by throughput, publishes the roster,
 * feeds sample ids to head miners (bounded in flight), counts each sample's loss exactly once, evicts
 * silent miners and re-issues their samples, keeps the loss ledger (sample, step, pathway, loss) for CLASP,
 * tallies the validator's verdicts per miner, and drives TRAIN -> MERGE -> TRAIN, broadcasting the
 * learning rate of each step. A merge round is one optimizer step; the run stops after the configured
 * number of steps.
 */
public final class OrchestratorAgent implements Agent
{
    /** Missing value of {@code lockstepLosses}: -0.0, which no cross-entropy is. */
    private static final long NO_LOSS = Long.MIN_VALUE;

    private static final long HOUSEKEEPING_NS = 10_000_000L;

    /** What the orchestrator knows of one miner. */
    public static final class MinerInfo
    {
        final int id;
        final double throughput;
        final byte[] publicKey;
        final String endpoint;
        int stage = -1;
        boolean ready;
        int backwardsSinceMerge;
        int mergedRound = -1;
        int replica;
        int outstanding;
        long samples;
        long validationsPassed;
        long validationsFailed;
        long validationsMissing;
        long refusedReports;
        long forwards;
        long backwards;
        long activationBytes;
        long refused;
        long inboxRejects;

        MinerInfo(final int id, final double throughput, final byte[] publicKey, final String endpoint)
        {
            this.id = id;
            this.throughput = throughput;
            this.publicKey = publicKey;
            this.endpoint = endpoint;
        }

        /** Forward passes, as of its latest heartbeat. */
        public long forwards()
        {
            return forwards;
        }

        /** Backward passes, as of its latest heartbeat. */
        public long backwards()
        {
            return backwards;
        }

        /** Bytes of activation frames it sent, as of its latest heartbeat. */
        public long activationBytes()
        {
            return activationBytes;
        }

        /** Frames it refused after decoding, as of its latest heartbeat. */
        public long refused()
        {
            return refused;
        }

        /** Frames its inbox refused, as of its latest heartbeat. */
        public long inboxRejects()
        {
            return inboxRejects;
        }

        /** Merge rounds it completed (they count from 1), as of its latest heartbeat. */
        public int merges()
        {
            return Math.max(0, mergedRound);
        }

        public int id()
        {
            return id;
        }

        public int stage()
        {
            return stage;
        }

        public long samples()
        {
            return samples;
        }

        public long validationsPassed()
        {
            return validationsPassed;
        }

        public long validationsFailed()
        {
            return validationsFailed;
        }

        public long validationsMissing()
        {
            return validationsMissing;
        }

        /** Loss reports refused as impossible: for a sample never dispatched, already counted, or not its stage's. */
        public long refusedReports()
        {
            return refusedReports;
        }

        /**
         * The share of its judged output that was good (1 while nothing was judged): validator checks passed,
         * against checks failed, evidence missing and loss reports refused.
         */
        public double score()
        {
            final long judged = validationsPassed + validationsFailed + validationsMissing + refusedReports;
            return judged == 0 ? 1.0 : (double)validationsPassed / judged;
        }
    }

    private final SwarmSettings s;
    private final SwarmLink link;
    private final Directory directory;
    private final byte[] publicKey;
    private final String runConfig;
    private final ControlFrames control = new ControlFrames();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SignedEnvelopeDecoder envelope = new SignedEnvelopeDecoder();
    private final JoinDecoder join = new JoinDecoder();
    private final HeartbeatDecoder heartbeat = new HeartbeatDecoder();
    private final LossReportDecoder loss = new LossReportDecoder();
    private final LostDecoder lost = new LostDecoder();
    private final ValidationResultDecoder validation = new ValidationResultDecoder();
    private final long[] pathway;
    private final int[] ledgerPathway;
    private final PathwayLedger ledger;
    private final Map<Integer, MinerInfo> miners = new LinkedHashMap<>();
    private final SampleBook book = new SampleBook();
    private final Liveness liveness;
    private final StochasticRouter router;
    private final List<Double> stepLosses = new ArrayList<>();
    private final List<long[]> evictions = new ArrayList<>();
    /** Re-issued attempts waiting for a head with room: {micro-batch, attempt}, oldest first. */
    private final ArrayDeque<long[]> awaitingHead = new ArrayDeque<>();
    private PhaseMachine phases;
    private double roundLossSum;
    private int roundLossCount;
    /**
     * Lockstep: micro-batch to the bits of its loss until its step is taken. Micro-batch k is step k + 1's
     * sample whenever its loss arrives (with the next sample sent ahead, it may come after the head's step).
     */
    private final Long2LongHashMap lockstepLosses = new Long2LongHashMap(NO_LOSS);
    private long nextMicroBatch;
    private long refusedLosses;
    private long refusedJoins;
    private boolean assigned;
    private boolean validatorJoined;
    private byte[] validatorKey;
    private String validatorEndpoint;
    private boolean draining;
    private long drainDeadlineNs;
    private volatile boolean done;
    private volatile String deadEnd;
    private volatile int completedSteps;
    private long startNs;
    private long lastHousekeepingNs;
    private volatile long trainingNanos;

    /**
     * @param runConfig the run as JSON ({@link RunPlan}), sent to every participant that joins so that one in
     *                  another process can build its part; null when every participant was built with the settings.
     */
    public OrchestratorAgent(final SwarmSettings settings, final Aeron aeron, final Directory directory,
        final KeyPair keys, final EnvelopeVerifier verifier, final PathwayLedger ledger, final String runConfig)
    {
        this.ledger = ledger;
        this.ledgerPathway = new int[settings.stages()];
        this.s = settings;
        this.directory = directory;
        this.publicKey = keys.getPublic().getEncoded();
        this.runConfig = runConfig;
        // a participant in another process introduces its own key with its Join; the ids are the run's own
        verifier.enrolment((sender, template) -> template == JoinDecoder.TEMPLATE_ID &&
            (sender >= 1 && sender <= settings.miners() && !assigned || sender == settings.validatorId()));
        this.link = new SwarmLink(aeron, directory, 0, keys.getPrivate(), verifier, this::onFrame);
        this.liveness = new Liveness(settings.heartbeatTimeoutMs() * 1_000_000L);
        this.router = new StochasticRouter(settings.seed() * 17 + 1);
        this.pathway = new long[settings.stages()];
    }

    @Override
    public String roleName()
    {
        return "orchestrator";
    }

    /**
     * Why the run cannot finish, once a stage has lost every miner (evicted for silence), or null: no sample can
     * cross that stage any more, so waiting for the timeout would only wait.
     */
    public String deadEnd()
    {
        return deadEnd;
    }

    /** Why a run that is not done stopped: its dead end, or the timeout it ran into. */
    public String unfinished(final long timeoutMs)
    {
        return deadEnd != null ? "the swarm cannot go on: " + deadEnd :
            "the swarm did not finish " + s.steps() + " steps within " + timeoutMs / 1000 + " s";
    }

    public boolean isDone()
    {
        return done;
    }

    /** Time from the stage assignment to the last counted loss, once done (0 before). */
    public long trainingNanos()
    {
        return trainingNanos;
    }

    public int completedSteps()
    {
        return completedSteps;
    }

    public List<Double> stepLosses()
    {
        synchronized (stepLosses)
        {
            return List.copyOf(stepLosses);
        }
    }

    public SampleBook book()
    {
        return book;
    }

    public List<Integer> evicted()
    {
        return liveness.evicted();
    }

    public long refusedLosses()
    {
        return refusedLosses;
    }

    public Map<Integer, MinerInfo> miners()
    {
        return miners;
    }

    public String phaseName()
    {
        return phases == null ? "JOIN" : phases.phase().name();
    }

    public int aliveMiners()
    {
        return liveness.aliveCount();
    }

    @Override
    public int doWork()
    {
        final long now = System.nanoTime();
        int work = link.poll();
        if (done)
        {
            return work;
        }
        if (!assigned)
        {
            if (miners.size() == s.miners())
            {
                assignStages(now);
                work++;
            }
            return work;
        }
        final boolean housekeeping = now - lastHousekeepingNs > HOUSEKEEPING_NS;
        if (housekeeping)
        {
            // timeouts are hundreds of milliseconds or more: scanning for them every loop would only burn CPU
            lastHousekeepingNs = now;
            work += evictSilent(now);
        }
        if (phases == null)
        {
            // training starts once every live miner confirmed its stage with a heartbeat, so no sample is
            // dispatched to a miner still building its stage or whose Assign is still to come
            if (everyLiveMinerReady())
            {
                startTraining(now);
                work++;
            }
            return work;
        }
        final int live = liveness.aliveCount();
        int ready = 0;
        int merged = 0;
        for (final MinerInfo m : miners.values())
        {
            if (liveness.isAlive(m.id))
            {
                // backward passes count towards the next merge only once reported after the current one
                ready += m.backwardsSinceMerge >= s.effectiveBackwardsToMerge() &&
                    Math.max(m.mergedRound, 0) >= phases.round() ? 1 : 0;
                merged += m.mergedRound == phases.round() ? 1 : 0;
            }
        }
        if (s.lockstep())
        {
            // every miner steps on its own after its backward (see MinerAgent.afterBackward) and holds the next
            // sample until it has, so the step is the orchestrator's to count once its sample's loss is in
            ready = lockstepLosses.containsKey(phases.round()) ? live : 0;
        }
        if (draining)
        {
            // the last step is taken: let the samples still in flight finish (their losses count; lost ones are
            // re-issued as during training), then stop
            if (housekeeping)
            {
                redispatch(book.reissue(-1, now - s.sampleTimeoutMs() * 1_000_000L, now));
            }
            work += sendAwaiting();
            if (book.inFlight() == 0 || now > drainDeadlineNs)
            {
                broadcast(PhaseKind.STOP, completedSteps, 0f);
                trainingNanos = now - startNs;
                done = true;
            }
            return work;
        }
        // in lockstep every miner steps on its own, so training goes on at once; only the last step is waited
        // for, so that the run ends on stepped weights
        final boolean waitForMerges = !s.lockstep() || phases.round() >= s.steps();
        if (phases.update(now, live, ready, waitForMerges ? merged : live))
        {
            work++;
            onPhaseChange();
        }
        if (phases.phase() == PhaseMachine.Phase.TRAIN && !draining)
        {
            work += dispatch(now, housekeeping);
        }
        return work;
    }

    private void assignStages(final long now)
    {
        final List<StageAssigner.Candidate> candidates = new ArrayList<>();
        miners.values().forEach(m -> candidates.add(new StageAssigner.Candidate(m.id, m.throughput)));
        final int[] stageOf = StageAssigner.assign(candidates, s.stages());
        final int[] replicaCount = new int[s.stages()];
        int i = 0;
        for (final MinerInfo m : miners.values())
        {
            m.stage = stageOf[i++];
        }
        for (final MinerInfo m : miners.values())
        {
            m.replica = replicaCount[m.stage]++;
        }
        sendRoster(null);
        if (validatorJoined)
        {
            introduceValidator();
        }
        for (final MinerInfo m : miners.values())
        {
            liveness.heard(m.id, now);
        }
        assigned = true;
    }

    private boolean everyLiveMinerReady()
    {
        for (final MinerInfo m : miners.values())
        {
            if (liveness.isAlive(m.id) && !m.ready)
            {
                return false;
            }
        }
        return true;
    }

    private void startTraining(final long now)
    {
        // in lockstep a step waits for every live miner's backward (the dead are evicted by heartbeat timeout)
        final long trainTimeoutNs = s.lockstep() ? Long.MAX_VALUE / 4 : s.sampleTimeoutMs() * 1_000_000L;
        phases = new PhaseMachine(s.effectiveMergeShare(), s.effectiveBackwardsToMerge(), trainTimeoutNs,
            s.mergeTimeoutMs() * 1_000_000L, now);
        startNs = now;
    }

    /** Every miner's Assign frame, to one participant, or (with null) to every miner and the validator. */
    private void sendRoster(final Integer to)
    {
        for (final MinerInfo m : miners.values())
        {
            final int firstArch = s.firstArch(m.stage);
            final int n = control.assign(s.runId(), m.id, Role.MINER, m.stage, m.replica,
                s.model().stageFrom(firstArch), s.model().stageTo(s.endArch(m.stage) - 1) - s.model().stageFrom(firstArch),
                m.throughput, m.endpoint, m.publicKey);
            final int envelope = link.sign(control.buffer(), 0, n);
            if (to != null)
            {
                link.sendSigned(to, envelope);
            }
            else
            {
                sendToAll(envelope, true);
            }
        }
    }

    /** Tells every miner where the validator listens and its key, so they can answer its evidence requests. */
    private void introduceValidator()
    {
        final int envelope = link.sign(control.buffer(), 0, encodeValidatorAssign());
        for (final MinerInfo m : miners.values())
        {
            link.sendSigned(m.id, envelope);
        }
    }

    private int encodeValidatorAssign()
    {
        return control.assign(s.runId(), s.validatorId(), Role.VALIDATOR, 0, 0, 0, 0, 0, validatorEndpoint,
            validatorKey);
    }

    /** Sends a signed envelope to every live miner (or every miner) and, if asked, to the validator. */
    private void sendToAll(final int envelope, final boolean evenTheSilent)
    {
        for (final MinerInfo m : miners.values())
        {
            if (evenTheSilent || liveness.isAlive(m.id))
            {
                link.sendSigned(m.id, envelope);
            }
        }
        if (validatorJoined)
        {
            link.sendSigned(s.validatorId(), envelope);
        }
    }

    private int dispatch(final long now, final boolean housekeeping)
    {
        int work = sendAwaiting();
        while (inFlight() < s.inFlightCap() && nextMicroBatch < microBatchBudget())
        {
            final MinerInfo head = chooseHead();
            if (head == null)
            {
                break;
            }
            final long microBatch = nextMicroBatch++;
            book.dispatch(microBatch, head.id, now);
            send(head, SampleIds.wire(microBatch, 0));
            work++;
        }
        if (housekeeping)
        {
            // re-issue samples that have been out too long (a frame lost, a miner gone quiet)
            redispatch(book.reissue(-1, now - s.sampleTimeoutMs() * 1_000_000L, now));
        }
        return work;
    }

    /**
     * Sends re-issued samples to live heads, or queues them until a head has room (after an eviction the
     * survivors' queues are often full); the abandoned attempt's head gets its room back.
     */
    private void redispatch(final List<long[]> reissued)
    {
        for (final long[] again : reissued)
        {
            final MinerInfo oldHead = miners.get((int)again[2]);
            if (oldHead != null && oldHead.outstanding > 0)
            {
                oldHead.outstanding--;
            }
            awaitingHead.add(new long[]{again[0], again[1]});
        }
        sendAwaiting();
    }

    /** Sends queued re-issued attempts, oldest first, while a head has room; drops those no longer current. */
    private int sendAwaiting()
    {
        int sent = 0;
        while (!awaitingHead.isEmpty())
        {
            final long[] again = awaitingHead.peek();
            if (book.isCompleted(again[0]) || book.attemptOf(again[0]) != again[1])
            {
                awaitingHead.poll(); // completed by a late frame, or re-issued again since
                continue;
            }
            final MinerInfo head = chooseHead();
            if (head == null)
            {
                break;
            }
            awaitingHead.poll();
            book.redirect(again[0], head.id);
            send(head, SampleIds.wire(again[0], (int)again[1]));
            sent++;
        }
        return sent;
    }

    /** How many micro-batches may have been dispatched by now. */
    private long microBatchBudget()
    {
        // lockstep: one micro-batch per step, the next two sent while the current one runs (the head holds them
        // until it has stepped); otherwise keep feeding until the last merge
        return s.lockstep() ? Math.min(s.steps(), phases.round() + 2L) : Long.MAX_VALUE;
    }

    private void send(final MinerInfo head, final long wireId)
    {
        head.outstanding++;
        head.samples++;
        final int n = control.dispatch(s.runId(), wireId);
        link.sendControl(head.id, control.buffer(), 0, n);
    }

    private int inFlight()
    {
        return book.inFlight();
    }

    private MinerInfo chooseHead()
    {
        final List<MinerInfo> heads = new ArrayList<>();
        for (final MinerInfo m : miners.values())
        {
            if (m.stage == 0 && liveness.isAlive(m.id))
            {
                heads.add(m);
            }
        }
        final double[] w = new double[heads.size()];
        final int[] q = new int[heads.size()];
        for (int i = 0; i < w.length; i++)
        {
            w[i] = heads.get(i).throughput;
            q[i] = heads.get(i).outstanding;
        }
        final int pick = router.choose(w, q, s.headQueueCap(), w.length);
        return pick == StochasticRouter.NONE ? null : heads.get(pick);
    }

    private int evictSilent(final long now)
    {
        final List<Integer> gone = liveness.evictSilent(now);
        for (final int id : gone)
        {
            evictions.add(new long[]{id, now - startNs});
            sendToAll(link.sign(control.buffer(), 0, control.evict(s.runId(), id)), false);
            redispatch(book.reissue(id, Long.MIN_VALUE, now));
        }
        if (!gone.isEmpty() && deadEnd == null)
        {
            deadEnd = stageWithoutMiners();
        }
        return gone.size();
    }

    /** A stage whose miners were all evicted, said in words, or null while every stage has a live one. */
    private String stageWithoutMiners()
    {
        for (int stage = 0; stage < s.stages(); stage++)
        {
            final List<Integer> lost = new ArrayList<>();
            boolean anyAlive = false;
            for (final MinerInfo m : miners.values())
            {
                if (m.stage == stage)
                {
                    anyAlive |= liveness.isAlive(m.id);
                    lost.add(m.id);
                }
            }
            if (!anyAlive)
            {
                return "stage " + stage + " lost every miner (evicted " + lost + ")";
            }
        }
        return null;
    }

    private void onPhaseChange()
    {
        if (phases.phase() == PhaseMachine.Phase.MERGE)
        {
            final int round = phases.round();
            synchronized (stepLosses)
            {
                stepLosses.add(s.lockstep() ? Double.longBitsToDouble(lockstepLosses.remove(round - 1L)) :
                    roundLossCount == 0 ? Double.NaN : roundLossSum / roundLossCount);
            }
            roundLossSum = 0;
            roundLossCount = 0;
            if (!s.lockstep())
            {
                broadcast(PhaseKind.MERGE, round, (float)s.schedule().at(round));
            }
            return;
        }
        // back to TRAIN: nothing to announce, a miner trains again once its own merge is done (and a signed
        // broadcast costs every miner a verification on the step's critical path)
        completedSteps = phases.round();
        if (completedSteps >= s.steps())
        {
            draining = true;
            drainDeadlineNs = System.nanoTime() + 3 * s.sampleTimeoutMs() * 1_000_000L;
        }
    }

    private void broadcast(final PhaseKind kind, final int epoch, final float lr)
    {
        final int envelope = link.sign(control.buffer(), 0, control.phase(s.runId(), kind, epoch, lr));
        if (kind == PhaseKind.STOP)
        {
            sendToAll(envelope, true);
            return;
        }
        for (final MinerInfo m : miners.values())
        {
            if (liveness.isAlive(m.id))
            {
                link.sendSigned(m.id, envelope);
            }
        }
    }

    private void onFrame(final DirectBuffer buffer, final int offset, final int length, final FrameValidator v)
    {
        if (v.templateId() != SignedEnvelopeDecoder.TEMPLATE_ID)
        {
            return;
        }
        envelope.wrapAndApplyHeader(buffer, offset, header);
        final int sender = (int)envelope.senderId();
        final int bodyOffset = v.varOffset(0);
        final long now = System.nanoTime();
        switch (v.envelopeBody().templateId())
        {
            case JoinDecoder.TEMPLATE_ID:
                join.wrapAndApplyHeader(buffer, bodyOffset, header);
                onJoin(sender);
                break;
            case ValidationResultDecoder.TEMPLATE_ID:
                validation.wrapAndApplyHeader(buffer, bodyOffset, header);
                onValidationResult(sender);
                break;
            case HeartbeatDecoder.TEMPLATE_ID:
                heartbeat.wrapAndApplyHeader(buffer, bodyOffset, header);
                final MinerInfo m = miners.get(sender);
                if (m != null && heartbeat.minerId() == sender)
                {
                    liveness.heard(sender, now);
                    m.ready |= assigned && heartbeat.stage() == m.stage;
                    m.backwardsSinceMerge = heartbeat.backwardsSinceMerge();
                    m.mergedRound = heartbeat.mergedRound();
                    m.forwards = heartbeat.forwards();
                    m.backwards = heartbeat.backwards();
                    m.activationBytes = heartbeat.activationBytes();
                    m.refused = heartbeat.refused();
                    m.inboxRejects = heartbeat.inboxRejects();
                }
                break;
            case LossReportDecoder.TEMPLATE_ID:
                loss.wrapAndApplyHeader(buffer, bodyOffset, header);
                onLoss(sender, loss.sampleId(), loss.loss());
                break;
            case LostDecoder.TEMPLATE_ID:
                lost.wrapAndApplyHeader(buffer, bodyOffset, header);
                onLost(sender, lost.sampleId(), now);
                break;
            default:
                break;
        }
    }

    /**
     * A participant announces itself (again, until it hears back): a miner is registered until the stages are
     * assigned, the validator at any time; each is answered with the run's settings when it needs them.
     */
    private void onJoin(final int sender)
    {
        if (join.minerId() != sender)
        {
            return;
        }
        final boolean miner = join.role() == Role.MINER && sender <= s.miners();
        final boolean validator = join.role() == Role.VALIDATOR && sender == s.validatorId();
        final String endpoint = join.endpoint();
        final byte[] key = new byte[join.publicKeyLength()];
        join.getPublicKey(key, 0, key.length);
        if (!(miner && !assigned && !miners.containsKey(sender) || validator && !validatorJoined))
        {
            if (miner && miners.containsKey(sender) || validator)
            {
                rejoin(sender, miner);
            }
            return;
        }
        if (!directory.learn(sender, endpoint))
        {
            refusedJoins++;
            return;
        }
        if (miner)
        {
            miners.put(sender, new MinerInfo(sender, Math.max(1e-3, join.measuredGflops()), key, endpoint));
        }
        else
        {
            validatorJoined = true;
            validatorKey = key;
            validatorEndpoint = endpoint;
            if (assigned)
            {
                sendRoster(sender);
                introduceValidator();
            }
        }
        answerJoin(sender);
    }

    /**
     * A known participant joins again: it has not heard back yet (its process was still starting, or the frames
     * went to an inbox it had just replaced). It gets the settings again and, once stages are assigned, the roster.
     */
    private void rejoin(final int sender, final boolean miner)
    {
        answerJoin(sender);
        if (assigned)
        {
            sendRoster(sender);
            if (miner && validatorJoined)
            {
                link.sendControl(sender, control.buffer(), 0, encodeValidatorAssign());
            }
        }
    }

    private void answerJoin(final int sender)
    {
        if (runConfig != null)
        {
            final int n = control.runConfig(s.runId(), publicKey, runConfig);
            link.sendControl(sender, control.buffer(), 0, n);
        }
    }

    private void onLoss(final int sender, final long wireId, final float value)
    {
        final MinerInfo tail = miners.get(sender);
        if (tail == null || tail.stage != s.stages() - 1)
        {
            refuseLoss(tail);
            return;
        }
        final long microBatch = SampleIds.microBatch(wireId);
        final SampleBook.Refusal refusal = book.complete(microBatch, SampleIds.attempt(wireId));
        if (refusal != SampleBook.Refusal.NONE)
        {
            // a late loss of a re-issued attempt is an honest race; the others are claims nobody could make
            refuseLoss(refusal == SampleBook.Refusal.STALE_ATTEMPT ? null : tail);
            return;
        }
        tail.samples++;
        if (s.lockstep())
        {
            lockstepLosses.put(microBatch, Double.doubleToRawLongBits(value));
        }
        else
        {
            roundLossSum += value;
            roundLossCount++;
        }
        int hops = 0;
        for (final LossReportDecoder.PathwayDecoder hop : loss.pathway())
        {
            if (hops < pathway.length)
            {
                pathway[hops++] = hop.minerId();
            }
        }
        // the head that took this sample has room again
        final MinerInfo head = hops == 0 ? null : miners.get((int)pathway[0]);
        if (head != null && head.outstanding > 0)
        {
            head.outstanding--;
        }
        if (hops == s.stages())
        {
            for (int i = 0; i < hops; i++)
            {
                ledgerPathway[i] = (int)pathway[i];
            }
            ledger.append(microBatch, completedSteps, ledgerPathway, value);
        }
        if (validatorJoined && hops == s.stages())
        {
            final int n = control.lossReport(s.runId(), wireId, value, pathway, hops);
            link.sendControl(s.validatorId(), control.buffer(), 0, n);
        }
    }

    /**
     * A miner that forwards could not pass a sample on: its current attempt is re-issued now rather than at the
     * sample timeout. Only a miner with a next stage can say so; a stale attempt is ignored.
     */
    private void onLost(final int sender, final long wireId, final long now)
    {
        final MinerInfo m = miners.get(sender);
        if (m == null || m.stage < 0 || m.stage >= s.stages() - 1)
        {
            refuseLoss(m);
            return;
        }
        final long[] again = book.reissueAttempt(SampleIds.microBatch(wireId), SampleIds.attempt(wireId), now);
        if (again != null)
        {
            redispatch(List.of(again));
        }
    }

    /** Counts a refused loss report, against {@code sender}'s score when the report was its fault. */
    private void refuseLoss(final MinerInfo sender)
    {
        refusedLosses++;
        if (sender != null)
        {
            sender.refusedReports++;
        }
    }

    private void onValidationResult(final int sender)
    {
        final MinerInfo m = miners.get((int)validation.minerId());
        if (sender != s.validatorId() || m == null)
        {
            return;
        }
        final Verdict v = validation.verdict();
        if (v == Verdict.PASS)
        {
            m.validationsPassed++;
        }
        else if (v == Verdict.FAIL)
        {
            m.validationsFailed++;
        }
        else
        {
            m.validationsMissing++;
        }
    }

    /** Frames its inbox refused before they reached it (malformed, forged, replayed). */
    public long inboxRejects()
    {
        return link.inboxRejects();
    }

    /**
     * Each miner as this orchestrator sees it, in one line, for a run that did not finish: stage, liveness,
     * samples it heads, backward passes since its last merge and the last merge round it reported; read it
     * once the agent has stopped.
     */
    public String minerStates()
    {
        final StringBuilder sb = new StringBuilder("round ").append(phases == null ? -1 : phases.round())
            .append(", samples in flight ").append(book.inFlight());
        for (final MinerInfo m : miners.values())
        {
            sb.append("; miner ").append(m.id).append(": stage ").append(m.stage)
                .append(liveness.isAlive(m.id) ? "" : " (evicted)")
                .append(", heads ").append(m.outstanding)
                .append(", backwards since merge ").append(m.backwardsSinceMerge)
                .append(", merged round ").append(m.mergedRound);
        }
        return sb.toString();
    }

    /** The inbox's counters in one line. */
    public String inboxSummary()
    {
        return link.describe() + " refused_joins=" + refusedJoins;
    }

    @Override
    public void onClose()
    {
        link.close();
    }
}
