package io.iotaj.runtime.swarm;

import io.iotaj.codecs.EnvelopeVerifier;
import io.iotaj.codecs.FrameValidator;
import io.iotaj.codecs.sbe.MessageHeaderDecoder;
import io.iotaj.codecs.sbe.Role;
import io.iotaj.codecs.sbe.RunConfigDecoder;
import io.iotaj.codecs.sbe.SignedEnvelopeDecoder;
import io.aeron.Aeron;
import org.agrona.DirectBuffer;

import java.security.KeyPair;

/**
 * How a participant in its own process joins a run: it sends {@code Join} (its id, role, measured capability,
 * endpoint and key) to the orchestrator until a {@code RunConfig} comes back, signed by the key that frame
 * carries (trusted on first use: the orchestrator is the address the user gave). Returns the run's plan and a
 * verifier that now knows the orchestrator; the participant's agent joins again and learns the rest.
 */
final class Enrolment
{
    private static final long JOIN_EVERY_NS = 250_000_000L;
    private static final int ORCHESTRATOR = 0;

    /** The run's plan, and the verifier holding the orchestrator's key for the participant's agent. */
    record Joined(RunPlan plan, EnvelopeVerifier verifier)
    {
    }

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SignedEnvelopeDecoder envelope = new SignedEnvelopeDecoder();
    private final RunConfigDecoder runConfig = new RunConfigDecoder();
    private RunPlan plan;
    private String refusal;

    private Enrolment()
    {
    }

    /**
     * Joins or throws an {@link IllegalStateException} that says why: no answer within {@code timeoutMs}, or a
     * run config that does not parse.
     */
    static Joined join(final Aeron aeron, final Directory directory, final int self, final Role role,
        final KeyPair keys, final double gflops, final long timeoutMs)
    {
        final EnvelopeVerifier verifier = new EnvelopeVerifier();
        verifier.enrolment((sender, template) -> sender == ORCHESTRATOR && template == RunConfigDecoder.TEMPLATE_ID);
        final Enrolment enrolment = new Enrolment();
        final ControlFrames control = new ControlFrames();
        final byte[] publicKey = keys.getPublic().getEncoded();
        final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        try (SwarmLink link = new SwarmLink(aeron, directory, self, keys.getPrivate(), verifier, enrolment::onFrame))
        {
            long lastJoin = 0;
            while (enrolment.plan == null && enrolment.refusal == null && System.nanoTime() < deadline)
            {
                final long now = System.nanoTime();
                if (now - lastJoin > JOIN_EVERY_NS)
                {
                    lastJoin = now;
                    link.sendControl(ORCHESTRATOR, control.buffer(), 0,
                        control.join(self, role, gflops, directory.endpointOf(self), publicKey));
                }
                if (link.poll() == 0)
                {
                    SwarmRun.sleep(5);
                }
            }
        }
        verifier.enrolment(null);
        if (enrolment.refusal != null)
        {
            throw new IllegalStateException(enrolment.refusal);
        }
        if (enrolment.plan == null)
        {
            throw new IllegalStateException("no answer from the orchestrator at " + directory.endpointOf(ORCHESTRATOR) +
                " within " + timeoutMs / 1000 + " s (is it running, is its run already full, is this id within its miners?)");
        }
        return new Joined(enrolment.plan, verifier);
    }

    private void onFrame(final DirectBuffer buffer, final int offset, final int length, final FrameValidator v)
    {
        if (v.templateId() != SignedEnvelopeDecoder.TEMPLATE_ID || plan != null)
        {
            return;
        }
        envelope.wrapAndApplyHeader(buffer, offset, header);
        if (envelope.senderId() != ORCHESTRATOR || v.envelopeBody().templateId() != RunConfigDecoder.TEMPLATE_ID)
        {
            return;
        }
        runConfig.wrapAndApplyHeader(buffer, v.varOffset(0), header);
        runConfig.skipPublicKey();
        try
        {
            final RunPlan parsed = RunPlan.fromJson(runConfig.settings());
            if (parsed.settings().runId() != runConfig.runId())
            {
                refusal = "the orchestrator's run config names run " + parsed.settings().runId() + " in run " +
                    runConfig.runId();
                return;
            }
            plan = parsed;
        }
        catch (final IllegalArgumentException ex)
        {
            refusal = "the orchestrator's run config is not usable: " + ex.getMessage();
        }
    }
}
