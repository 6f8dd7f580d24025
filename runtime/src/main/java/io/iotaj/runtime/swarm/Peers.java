package io.iotaj.runtime.swarm;

import io.iotaj.codecs.Ed25519Keys;
import io.iotaj.codecs.EnvelopeVerifier;
import io.iotaj.codecs.sbe.AssignDecoder;

/**
 * Learns a peer from the orchestrator's (verified) Assign frame: where it listens and the key its control
 * frames are signed with. The orchestrator is the registry every participant trusts.
 */
final class Peers
{
    private Peers()
    {
    }

    /** Reads the frame's endpoint and key (in that order, as SBE requires); false when either is unusable. */
    static boolean introduce(final AssignDecoder assign, final Directory directory, final EnvelopeVerifier verifier)
    {
        final int participant = (int)assign.minerId();
        final String endpoint = assign.endpoint();
        final byte[] key = new byte[assign.publicKeyLength()];
        assign.getPublicKey(key, 0, key.length);
        if (!directory.learn(participant, endpoint))
        {
            return false;
        }
        try
        {
            verifier.register(participant, Ed25519Keys.publicKey(key));
            return true;
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
    }
}
