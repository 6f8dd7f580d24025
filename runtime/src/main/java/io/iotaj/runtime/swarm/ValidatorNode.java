package io.iotaj.runtime.swarm;

import io.iotaj.codecs.Ed25519Keys;
import io.iotaj.codecs.sbe.Role;
import io.iotaj.kernels.Backend;
import io.iotaj.transport.Endpoint;

import java.io.IOException;
import java.security.KeyPair;

/**
 * {@code iotaj validator}: the validator in its own process. It joins the orchestrator over UDP, shadows sampled
 * miners until STOP, and sends its verdicts to the orchestrator.
 */
public final class ValidatorNode
{
    private ValidatorNode()
    {
    }

    /**
     * Runs until the orchestrator says STOP or {@code timeoutMs} passes; returns the validator's one-line summary.
     */
    public static String run(final Endpoint orchestrator, final Endpoint listen, final Backend backend,
        final long joinTimeoutMs, final long timeoutMs) throws IOException
    {
        final int id = SwarmSettings.VALIDATOR_ID;
        final Directory directory = Directory.udp(id, listen, orchestrator);
        final KeyPair keys = Ed25519Keys.generate();
        try (NodeProcess node = new NodeProcess("validator"))
        {
            final Enrolment.Joined joined = Enrolment.join(node.aeron(), directory, id, Role.VALIDATOR, keys, 0,
                joinTimeoutMs);
            final SwarmSettings s = joined.plan().settings();
            if (!s.validation().enabled())
            {
                return "this run validates nothing (its validation share is 0)";
            }
            final ValidatorAgent validator = new ValidatorAgent(s, node.aeron(), directory, keys, joined.verifier(),
                backend, joined.plan().data().open(s.seq()));
            node.start(validator);
            final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            node.await(() -> validator.isDone() || System.nanoTime() > deadline);
            return (validator.isDone() ? "" : "gave up waiting for STOP; ") + validator.summary();
        }
    }
}
