package io.iotaj.runtime.swarm;

import io.iotaj.codecs.Ed25519Keys;
import io.iotaj.codecs.EnvelopeSigner;
import io.iotaj.codecs.TensorKind;
import io.iotaj.kernels.Backend;
import io.iotaj.kernels.Tensor;
import org.agrona.ExpandableDirectByteBuffer;

/**
 * The bad input a {@link Behaviour#ROGUE} miner sends, one kind per call, for the swarm's bad-input test:
 * an activation claiming a stage it does not come from, a gradient for a sample its receiver never forwarded,
 * an activation whose payload holds a NaN, a control frame signed with a key nobody registered, and a loss
 * report for a sample the orchestrator never dispatched. Every one must be refused and counted.
 */
final class RogueFrames
{
    static final int KINDS = 5;
    /** Micro-batch ids this far out were never dispatched by any run of a reasonable length. */
    private static final long NEVER_DISPATCHED = 1L << 40;

    private final int self;
    private final SwarmSettings s;
    private final SwarmLink link;
    private final TensorSender tensors;
    private final ControlFrames control = new ControlFrames();
    private final EnvelopeSigner forger;
    private final ExpandableDirectByteBuffer forged = new ExpandableDirectByteBuffer(512);
    private final Tensor garbage;
    private final Tensor nan;

    RogueFrames(final int self, final SwarmSettings settings, final SwarmLink link, final TensorSender tensors,
        final Backend be, final int rows)
    {
        this.self = self;
        this.s = settings;
        this.link = link;
        this.tensors = tensors;
        this.forger = new EnvelopeSigner(self, Ed25519Keys.generate().getPrivate(), 1);
        final int width = settings.model().boundaryWidth();
        this.garbage = be.allocate(rows, width);
        this.nan = be.allocate(rows, width);
        final float[] values = new float[rows * width];
        values[values.length / 2] = Float.NaN;
        be.write(values, nan);
    }

    /** Sends bad frame {@code kind} (0..KINDS-1) to {@code peer}, a miner of another stage. */
    void send(final int kind, final int peer, final int peerStage, final long[] pathway)
    {
        final int rows = s.batch() * s.seq();
        final int width = s.model().boundaryWidth();
        final long unknownSample = SampleIds.wire(NEVER_DISPATCHED + kind, 0);
        switch (kind)
        {
            case 0: // an activation that claims to come from the receiver's own stage
                tensors.send(peer, TensorKind.ACTIVATION, s.runId(), unknownSample, peerStage, garbage, rows, width,
                    ActivationCodec.Kind.F32, pathway, peerStage + 1);
                break;
            case 1: // a gradient for a sample the receiver never forwarded
                tensors.send(peer, TensorKind.GRADIENT, s.runId(), unknownSample, peerStage, garbage, rows, width,
                    ActivationCodec.Kind.F32, pathway, Math.min(s.stages(), peerStage + 2));
                break;
            case 2: // a payload with a NaN in it
                tensors.send(peer, TensorKind.ACTIVATION, s.runId(), unknownSample, Math.max(0, peerStage - 1), nan,
                    rows, width, ActivationCodec.Kind.F32, pathway, Math.max(1, peerStage));
                break;
            case 3: // a heartbeat signed with a key the orchestrator never registered
            {
                final int n = control.heartbeat(self, 0, 0, 0, 0, 0, 0, 0, 0, 0);
                final int length = forger.sign(forged, 0, control.buffer(), 0, n);
                link.send(0, forged, 0, length);
                break;
            }
            default: // a loss for a sample that was never dispatched
            {
                final int n = control.lossReport(s.runId(), unknownSample, 1f, pathway, s.stages());
                link.sendControl(0, control.buffer(), 0, n);
            }
        }
    }
}
