package io.iotaj.he.flow;

import io.iotaj.he.Ciphertext;
import io.iotaj.he.CkksContext;
import io.iotaj.he.Decryptor;
import io.iotaj.he.Encoder;
import io.iotaj.he.Encryptor;
import io.iotaj.he.HeCodec;
import io.iotaj.he.KeyGenerator;
import io.iotaj.he.KeyRequest;
import io.iotaj.he.PublicKey;
import io.iotaj.he.mnist.SplitNet;
import io.iotaj.he.mnist.SplitPoint;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data owner: runs the layers up to the split in plaintext, encrypts the activation (replicated
 * with its own period over every slot, as the encrypted products expect), and decrypts the logits.
 * The secret key is created here and never leaves: only public key material and ciphertexts are sent.
 */
public final class DataOwner
{
    private final CkksContext ctx;
    private final SplitNet net;
    private final SplitPoint split;
    private final Encoder encoder;
    private final HeCodec codec;
    private final KeyGenerator keys;
    private final PublicKey publicKey;
    private final Encryptor encryptor;
    private final Decryptor decryptor;
    private final Map<String, Long> keyBytes = new LinkedHashMap<>();
    private double keygenSeconds;
    private long encryptNanos;
    private long decryptNanos;
    private long roundTripNanos;
    private KeyRequest request;
    private long activationBytes;
    private long resultBytes;
    private long images;

    public DataOwner(final CkksContext ctx, final SplitNet net, final SplitPoint split, final SecureRandom random)
    {
        this.ctx = ctx;
        this.net = net;
        this.split = split;
        this.encoder = new Encoder(ctx);
        this.codec = new HeCodec(ctx);
        this.keys = new KeyGenerator(ctx, random);
        this.publicKey = keys.publicKey();
        this.encryptor = new Encryptor(ctx, publicKey, random);
        this.decryptor = new Decryptor(ctx, keys.secretKey());
    }

    /** Answers the model owner's key request with the public, relinearisation and Galois keys. */
    public void connect(final MessageChannel channel)
    {
        request = codec.decodeKeyRequest(channel.receive());
        final long start = System.nanoTime();
        final byte[] publicKeyBytes = codec.encode(publicKey);
        final byte[] relin = request.relinearisation() ? codec.encodeRelinKey(keys.relinKey()) : null;
        final byte[] galois = codec.encode(keys.galoisKeys(request.rotationSteps()));
        keygenSeconds = (System.nanoTime() - start) / 1e9;
        channel.send(publicKeyBytes);
        keyBytes.put("public", (long)publicKeyBytes.length);
        if (relin != null)
        {
            channel.send(relin);
            keyBytes.put("relin", (long)relin.length);
        }
        channel.send(galois);
        keyBytes.put("galois", (long)galois.length);
    }

    /** Encrypted inference of one image: returns the ten decrypted logits. */
    public double[] infer(final float[] image, final MessageChannel channel)
    {
        final double[] features = net.features(image, split);
        final double[] replicated = new double[ctx.slots()];
        for (int s = 0; s < replicated.length; s++)
        {
            replicated[s] = features[s % features.length];
        }
        final long start = System.nanoTime();
        final Ciphertext encrypted = encryptor.encrypt(encoder.encode(replicated, ctx.maxLimbs(), ctx.parameters().scale()));
        final byte[] activation = codec.encode(encrypted);
        final long sent = System.nanoTime();
        encryptNanos += sent - start;
        activationBytes += activation.length;
        channel.send(activation, encrypted);

        final byte[] result = channel.receive();
        final long decryptStart = System.nanoTime();
        roundTripNanos += decryptStart - sent;
        resultBytes += result.length;
        final Ciphertext logits = codec.decodeCiphertext(result);
        final double[] slots = encoder.decode(decryptor.decrypt(logits));
        decryptNanos += System.nanoTime() - decryptStart;
        images++;
        final double[] out = new double[SplitNet.CLASSES];
        System.arraycopy(slots, 0, out, 0, out.length);
        return out;
    }

    public void finish(final MessageChannel channel)
    {
        channel.send(codec.encodeEnd());
    }

    /** Compressed bytes of each kind of key sent, in sending order. */
    public Map<String, Long> keyBytes()
    {
        return new LinkedHashMap<>(keyBytes);
    }

    public double keygenSeconds()
    {
        return keygenSeconds;
    }

    /** Encoding, encryption and serialisation of one activation, mean seconds. */
    public double encryptSecondsPerImage()
    {
        return images == 0 ? 0 : encryptNanos / 1e9 / images;
    }

    /** Deserialisation, decryption and decoding of one result, mean seconds. */
    public double decryptSecondsPerImage()
    {
        return images == 0 ? 0 : decryptNanos / 1e9 / images;
    }

    /** From sending an activation to holding the encrypted logits: the model owner's work plus the wire, mean seconds. */
    public double roundTripSecondsPerImage()
    {
        return images == 0 ? 0 : roundTripNanos / 1e9 / images;
    }

    /** Galois keys the model owner asked for (0 before {@link #connect}). */
    public int galoisKeysRequested()
    {
        return request == null ? 0 : request.rotationSteps().length;
    }

    public double activationBytesPerImage()
    {
        return images == 0 ? 0 : activationBytes / (double)images;
    }

    public double resultBytesPerImage()
    {
        return images == 0 ? 0 : resultBytes / (double)images;
    }
}
