package io.iotaj.he;

import com.github.luben.zstd.Zstd;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Compact wire format for what may leave the data owner: ciphertexts, the public key, the relinearisation
 * key and Galois keys, plus the model owner's key request and an end marker. A message is
 * a 17-byte header (magic, kind, parameter fingerprint, body length) and the body as 64-bit
 * little-endian coefficients in NTT form, zstd-compressed like SEAL's serialisation; keys carry the
 * seed of their uniform part instead of the part itself. There is
 * deliberately no method for a secret key. Decoding checks every length and residue, and counts and
 * rejects anything malformed.
 */
public final class HeCodec
{
    /** Message kinds, the byte after the magic. */
    public enum Kind
    {
        CIPHERTEXT, PUBLIC_KEY, RELIN_KEY, GALOIS_KEYS, KEY_REQUEST, END;

        static Kind of(final byte value)
        {
            final Kind[] kinds = values();
            if (value < 0 || value >= kinds.length)
            {
                throw new HeFormatException("unknown message kind " + value);
            }
            return kinds[value];
        }
    }

    static final int MAGIC = 0x31454849;
    static final int HEADER_LENGTH = 17;
    private static final int ZSTD_LEVEL = 3;
    private static final int MAX_BODY = 1 << 30;

    private final CkksContext ctx;
    private final long fingerprint;
    private final AtomicLong rejected = new AtomicLong();

    public HeCodec(final CkksContext ctx)
    {
        this.ctx = ctx;
        long h = 0xcbf29ce484222325L;
        h = mix(h, ctx.n());
        h = mix(h, ctx.parameters().logScale());
        for (int i = 0; i <= ctx.specialIndex(); i++)
        {
            h = mix(h, ctx.modulus(i).value());
        }
        this.fingerprint = h;
    }

    /**
     * A non-negative 31-bit id of this parameter set (N, scale and every prime), for the parameterSetId field
     * of the SBE Ciphertext frames that carry these messages.
     */
    public int parameterSetId()
    {
        return (int)(fingerprint >>> 33);
    }

    /** Messages refused by {@link #kind} or a decode method since construction. */
    public long rejectedCount()
    {
        return rejected.get();
    }

    public byte[] encode(final Ciphertext c)
    {
        final ByteBuffer body = body(12 + 2L * c.limbs * ctx.n() * 8);
        body.putInt(c.limbs).putDouble(c.scale);
        putLongs(body, c.c0, c.limbs * ctx.n());
        putLongs(body, c.c1, c.limbs * ctx.n());
        return seal(Kind.CIPHERTEXT, body);
    }

    public byte[] encode(final PublicKey key)
    {
        final int size = (ctx.specialIndex() + 1) * ctx.n();
        final ByteBuffer body = body(size * 8L + SeededUniform.SEED_BYTES);
        putLongs(body, key.b, size);
        body.put(key.seed);
        return seal(Kind.PUBLIC_KEY, body);
    }

    public byte[] encodeRelinKey(final KeySwitchKey key)
    {
        final ByteBuffer body = body(keySize());
        putKey(body, key);
        return seal(Kind.RELIN_KEY, body);
    }

    public byte[] encode(final GaloisKeys keys)
    {
        final ByteBuffer body = body(4 + (long)keys.count() * (4 + keySize()));
        body.putInt(keys.count());
        for (final Map.Entry<Integer, KeySwitchKey> entry : keys.all().entrySet())
        {
            body.putInt(entry.getKey());
            putKey(body, entry.getValue());
        }
        return seal(Kind.GALOIS_KEYS, body);
    }

    public byte[] encode(final KeyRequest request)
    {
        final int[] steps = request.rotationSteps();
        final ByteBuffer body = body(5 + 4L * steps.length);
        body.put((byte)(request.relinearisation() ? 1 : 0)).putInt(steps.length);
        for (final int step : steps)
        {
            body.putInt(step);
        }
        return seal(Kind.KEY_REQUEST, body);
    }

    public byte[] encodeEnd()
    {
        return seal(Kind.END, body(0));
    }

    /** The kind of a message after checking its header; throws {@link HeFormatException} if malformed. */
    public Kind kind(final byte[] message)
    {
        return reject(() -> readHeader(message));
    }

    private Kind readHeader(final byte[] message)
    {
        if (message.length < HEADER_LENGTH)
        {
            throw new HeFormatException("message of " + message.length + " bytes is shorter than the header");
        }
        final ByteBuffer header = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        if (header.getInt() != MAGIC)
        {
            throw new HeFormatException("bad magic: not an iotaj HE message");
        }
        final Kind kind = Kind.of(header.get());
        if (header.getLong() != fingerprint)
        {
            throw new HeFormatException("message was made for another CKKS parameter set");
        }
        return kind;
    }

    public Ciphertext decodeCiphertext(final byte[] message)
    {
        return reject(() ->
        {
            final ByteBuffer body = open(message, Kind.CIPHERTEXT);
            final int limbs = body.getInt();
            final double scale = body.getDouble();
            if (limbs < 1 || limbs > ctx.maxLimbs() || !(scale > 0) || Double.isInfinite(scale))
            {
                throw new HeFormatException("ciphertext header out of range: limbs " + limbs + ", scale " + scale);
            }
            expectRemaining(body, 2L * limbs * ctx.n() * 8);
            final long[] c0 = getLimbs(body, limbs, false);
            final long[] c1 = getLimbs(body, limbs, false);
            return new Ciphertext(c0, c1, limbs, scale);
        });
    }

    public PublicKey decodePublicKey(final byte[] message)
    {
        return reject(() ->
        {
            final ByteBuffer body = open(message, Kind.PUBLIC_KEY);
            expectRemaining(body, (ctx.specialIndex() + 1) * ctx.n() * 8L + SeededUniform.SEED_BYTES);
            final long[] b = getLimbs(body, ctx.maxLimbs(), true);
            final byte[] seed = new byte[SeededUniform.SEED_BYTES];
            body.get(seed);
            return new PublicKey(b, SeededUniform.expand(ctx, seed), seed);
        });
    }

    public KeySwitchKey decodeRelinKey(final byte[] message)
    {
        return reject(() ->
        {
            final ByteBuffer body = open(message, Kind.RELIN_KEY);
            expectRemaining(body, keySize());
            return getKey(body);
        });
    }

    public GaloisKeys decodeGaloisKeys(final byte[] message)
    {
        return reject(() ->
        {
            final ByteBuffer body = open(message, Kind.GALOIS_KEYS);
            final int count = body.getInt();
            if (count < 0 || count >= ctx.slots())
            {
                throw new HeFormatException("Galois key count out of range: " + count);
            }
            expectRemaining(body, (long)count * (4 + keySize()));
            final Map<Integer, KeySwitchKey> keys = new HashMap<>();
            for (int i = 0; i < count; i++)
            {
                final int step = body.getInt();
                if (step <= 0 || step >= ctx.slots() || keys.containsKey(step))
                {
                    throw new HeFormatException("bad or repeated rotation step " + step);
                }
                keys.put(step, getKey(body));
            }
            return new GaloisKeys(keys);
        });
    }

    public KeyRequest decodeKeyRequest(final byte[] message)
    {
        return reject(() ->
        {
            final ByteBuffer body = open(message, Kind.KEY_REQUEST);
            final byte relin = body.get();
            final int count = body.getInt();
            if (relin < 0 || relin > 1 || count < 0 || count >= ctx.slots())
            {
                throw new HeFormatException("key request out of range: relin " + relin + ", steps " + count);
            }
            expectRemaining(body, 4L * count);
            final int[] steps = new int[count];
            for (int i = 0; i < count; i++)
            {
                steps[i] = body.getInt();
            }
            return new KeyRequest(steps, relin == 1);
        });
    }

    private long keySize()
    {
        return ctx.maxLimbs() * ((ctx.specialIndex() + 1) * ctx.n() * 8L + SeededUniform.SEED_BYTES);
    }

    private void putKey(final ByteBuffer body, final KeySwitchKey key)
    {
        final int size = (ctx.specialIndex() + 1) * ctx.n();
        for (int i = 0; i < key.digits(); i++)
        {
            putLongs(body, key.b[i], size);
            body.put(key.seeds[i]);
        }
    }

    private KeySwitchKey getKey(final ByteBuffer body)
    {
        final int digits = ctx.maxLimbs();
        final long[][] b = new long[digits][];
        final long[][] a = new long[digits][];
        final byte[][] seeds = new byte[digits][SeededUniform.SEED_BYTES];
        for (int i = 0; i < digits; i++)
        {
            b[i] = getLimbs(body, ctx.maxLimbs(), true);
            body.get(seeds[i]);
            a[i] = SeededUniform.expand(ctx, seeds[i]);
        }
        return new KeySwitchKey(b, a, seeds);
    }

    private static ByteBuffer body(final long length)
    {
        if (length > MAX_BODY)
        {
            throw new IllegalArgumentException("message body of " + length + " bytes is too large");
        }
        return ByteBuffer.allocate((int)length).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void putLongs(final ByteBuffer body, final long[] values, final int count)
    {
        body.asLongBuffer().put(values, 0, count);
        body.position(body.position() + count * 8);
    }

    /** Reads limbs (plus the special limb if asked), checking every residue against its prime. */
    private long[] getLimbs(final ByteBuffer body, final int limbs, final boolean withSpecial)
    {
        final int n = ctx.n();
        final int total = limbs + (withSpecial ? 1 : 0);
        final long[] out = new long[total * n];
        body.asLongBuffer().get(out);
        body.position(body.position() + out.length * 8);
        for (int l = 0; l < total; l++)
        {
            final long q = ctx.modulus(l < limbs ? l : ctx.specialIndex()).value();
            for (int i = l * n, end = i + n; i < end; i++)
            {
                if (out[i] < 0 || out[i] >= q)
                {
                    throw new HeFormatException("coefficient out of range for prime " + l);
                }
            }
        }
        return out;
    }

    private byte[] seal(final Kind kind, final ByteBuffer body)
    {
        final byte[] compressed = Zstd.compress(body.array(), ZSTD_LEVEL);
        final ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + compressed.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).put((byte)kind.ordinal()).putLong(fingerprint).putInt(body.capacity()).put(compressed);
        return out.array();
    }

    private ByteBuffer open(final byte[] message, final Kind expected)
    {
        final Kind kind = readHeader(message);
        if (kind != expected)
        {
            throw new HeFormatException("expected a " + expected + " message, got " + kind);
        }
        final int length = ByteBuffer.wrap(message, 13, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (length < 0 || length > MAX_BODY)
        {
            throw new HeFormatException("body length out of range: " + length);
        }
        final byte[] compressed = new byte[message.length - HEADER_LENGTH];
        System.arraycopy(message, HEADER_LENGTH, compressed, 0, compressed.length);
        final byte[] raw;
        try
        {
            raw = Zstd.decompress(compressed, length);
        }
        catch (final RuntimeException ex)
        {
            throw new HeFormatException("body does not decompress: " + ex.getMessage());
        }
        if (raw.length != length)
        {
            throw new HeFormatException("body is " + raw.length + " bytes, header says " + length);
        }
        return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void expectRemaining(final ByteBuffer body, final long expected)
    {
        if (body.remaining() != expected)
        {
            throw new HeFormatException("body has " + body.remaining() + " bytes left, expected " + expected);
        }
    }

    private <T> T reject(final Supplier<T> decode)
    {
        try
        {
            return decode.get();
        }
        catch (final HeFormatException | BufferUnderflowException ex)
        {
            rejected.incrementAndGet();
            throw ex instanceof HeFormatException ? (HeFormatException)ex : new HeFormatException("truncated body");
        }
    }

    private static long mix(final long hash, final long value)
    {
        return (hash ^ value) * 0x100000001b3L;
    }
}
