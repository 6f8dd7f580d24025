package io.iotaj.he.flow;

import io.iotaj.he.Ciphertext;
import io.iotaj.he.CkksContext;
import io.iotaj.he.Encoder;
import io.iotaj.he.Evaluator;
import io.iotaj.he.GaloisKeys;
import io.iotaj.he.HeCodec;
import io.iotaj.he.HeFormatException;
import io.iotaj.he.KeyRequest;
import io.iotaj.he.KeySwitchKey;
import io.iotaj.he.linear.EncryptedMatVec;
import io.iotaj.he.linear.MatVecMethod;
import io.iotaj.he.linear.MatrixDiagonals;
import io.iotaj.he.mnist.SplitNet;
import io.iotaj.he.mnist.SplitPoint;

import java.util.TreeSet;

/**
 * The model owner: holds the layers after the split in plaintext and evaluates them on the data owner's
 * ciphertexts. After the conv2 split that is fc1 (output replicated for the next product), rescale,
 * bias, square with relinearisation, rescale, fc2, rescale, bias; after the fc1 split only the fc2 part.
 * It never holds a secret key and only ever sees ciphertexts and public keys.
 */
public final class ModelOwner
{
    private final CkksContext ctx;
    private final SplitPoint split;
    private final Encoder encoder;
    private final Evaluator evaluator;
    private final HeCodec codec;
    private final EncryptedMatVec fc1;
    private final EncryptedMatVec fc2;
    private final double[] fc1Bias;
    private final double[] fc2Bias;
    private GaloisKeys galoisKeys;
    private KeySwitchKey relinKey;
    private long evalNanos;
    private long evaluated;
    private volatile long skipped;

    public ModelOwner(final CkksContext ctx, final SplitNet net, final SplitPoint split, final MatVecMethod method)
    {
        this.ctx = ctx;
        this.split = split;
        this.encoder = new Encoder(ctx);
        this.evaluator = new Evaluator(ctx);
        this.codec = new HeCodec(ctx);
        final int slots = ctx.slots();
        final int top = ctx.maxLimbs();
        if (split == SplitPoint.CONV2)
        {
            fc1 = method.create(evaluator, encoder, new MatrixDiagonals(net.fc1Matrix(), slots, true), top, lastPrime(top));
            fc2 = method.create(evaluator, encoder, new MatrixDiagonals(net.fc2Matrix(), slots, false), top - 2,
                lastPrime(top - 2));
            final double[] bias = net.fc1Bias();
            fc1Bias = new double[slots];
            for (int s = 0; s < slots; s++)
            {
                fc1Bias[s] = bias[s % bias.length];
            }
        }
        else
        {
            fc1 = null;
            fc1Bias = null;
            fc2 = method.create(evaluator, encoder, new MatrixDiagonals(net.fc2Matrix(), slots, false), top, lastPrime(top));
        }
        fc2Bias = net.fc2Bias();
    }

    /** The public keys this model owner needs from the data owner. */
    public KeyRequest keyRequest()
    {
        final TreeSet<Integer> steps = new TreeSet<>();
        for (final EncryptedMatVec layer : fc1 == null ? new EncryptedMatVec[]{fc2} : new EncryptedMatVec[]{fc1, fc2})
        {
            for (final int step : layer.rotationSteps())
            {
                steps.add(step);
            }
        }
        return new KeyRequest(steps.stream().mapToInt(Integer::intValue).toArray(), split == SplitPoint.CONV2);
    }

    /** Key switches per evaluated image. */
    public int keySwitchesPerImage()
    {
        return fc2.keySwitches() + (fc1 == null ? 0 : fc1.keySwitches() + 1);
    }

    /**
     * Serves one data owner: sends the key request, takes the keys, then answers every ciphertext with
     * the encrypted logits until the end marker. Malformed or unexpected messages are counted and skipped.
     */
    public void serve(final MessageChannel channel)
    {
        channel.send(codec.encode(keyRequest()));
        while (true)
        {
            final byte[] message = channel.receive();
            final HeCodec.Kind kind;
            try
            {
                kind = codec.kind(message);
            }
            catch (final HeFormatException ex)
            {
                skipped++;
                continue;
            }
            try
            {
                switch (kind)
                {
                    case PUBLIC_KEY:
                        // Checked but unused: every constant here is added or multiplied as plaintext.
                        codec.decodePublicKey(message);
                        break;
                    case RELIN_KEY:
                        relinKey = codec.decodeRelinKey(message);
                        break;
                    case GALOIS_KEYS:
                        galoisKeys = codec.decodeGaloisKeys(message);
                        break;
                    case CIPHERTEXT:
                        final Ciphertext logits = evaluate(codec.decodeCiphertext(message));
                        channel.send(codec.encode(logits), logits);
                        break;
                    case END:
                        return;
                    default:
                        throw new HeFormatException("unexpected " + kind + " message");
                }
            }
            catch (final HeFormatException ex)
            {
                skipped++;
            }
        }
    }

    /** The encrypted layers after the split; the result holds the ten logits in slots 0..9. */
    public Ciphertext evaluate(final Ciphertext input)
    {
        if (galoisKeys == null || (split == SplitPoint.CONV2 && relinKey == null))
        {
            throw new IllegalStateException("the data owner's evaluation keys have not arrived");
        }
        if (input.limbs() != ctx.maxLimbs())
        {
            throw new HeFormatException("expected a fresh ciphertext with " + ctx.maxLimbs() + " limbs, got " + input.limbs());
        }
        final long start = System.nanoTime();
        Ciphertext x = input;
        if (fc1 != null)
        {
            x = evaluator.rescale(fc1.apply(x, galoisKeys));
            x = evaluator.addPlain(x, encoder.encode(fc1Bias, x.limbs(), x.scale()));
            x = evaluator.rescale(evaluator.square(x, relinKey));
        }
        x = evaluator.rescale(fc2.apply(x, galoisKeys));
        x = evaluator.addPlain(x, encoder.encode(fc2Bias, x.limbs(), x.scale()));
        evalNanos += System.nanoTime() - start;
        evaluated++;
        return x;
    }

    /** Accepts keys directly (same process, no channel): used by benchmarks. */
    public void installKeys(final GaloisKeys galoisKeys, final KeySwitchKey relinKey)
    {
        this.galoisKeys = galoisKeys;
        this.relinKey = relinKey;
    }

    /** Messages that were malformed or unexpected and were skipped. */
    public long skippedMessages()
    {
        return skipped;
    }

    /** Images evaluated so far. */
    public long evaluated()
    {
        return evaluated;
    }

    public double evalSecondsPerImage()
    {
        return evaluated == 0 ? 0 : evalNanos / 1e9 / evaluated;
    }

    private double lastPrime(final int limbs)
    {
        return ctx.modulus(limbs - 1).value();
    }
}
