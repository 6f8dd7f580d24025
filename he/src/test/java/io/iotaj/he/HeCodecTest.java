package io.iotaj.he;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeCodecTest
{
    private final CkksContext ctx = new CkksContext(CkksParameters.fc1Split());
    private final HeCodec codec = new HeCodec(ctx);
    private final KeyGenerator keys = new KeyGenerator(ctx, HeTestSupport.seededRandom(12));

    @Test
    void keysAndCiphertextsRoundTripExactlyAndSeededKeysTakeHalfTheBytes()
    {
        final PublicKey pk = keys.publicKey();
        final PublicKey pkBack = codec.decodePublicKey(codec.encode(pk));
        assertArrayEquals(pk.b, pkBack.b);
        assertArrayEquals(pk.a, pkBack.a, "the uniform part is re-expanded from its seed");

        final GaloisKeys galois = keys.galoisKeys(new int[]{1, 8});
        final byte[] galoisBytes = codec.encode(galois);
        final GaloisKeys galoisBack = codec.decodeGaloisKeys(galoisBytes);
        assertEquals(2, galoisBack.count());
        for (int i = 0; i < ctx.maxLimbs(); i++)
        {
            assertArrayEquals(galois.key(8).b[i], galoisBack.key(8).b[i]);
            assertArrayEquals(galois.key(8).a[i], galoisBack.key(8).a[i]);
        }
        // Two keys of (b, a) per digit as raw 64-bit words; compressed (b, a) would be about 55% of it.
        final long rawUnseeded = 2L * ctx.maxLimbs() * 2 * (ctx.maxLimbs() + 1) * ctx.n() * 8;
        assertTrue(galoisBytes.length < 0.35 * rawUnseeded, "seeded Galois keys: " + galoisBytes.length + " bytes");

        final Encoder encoder = new Encoder(ctx);
        final Ciphertext c = new Encryptor(ctx, pkBack, HeTestSupport.seededRandom(1))
            .encrypt(encoder.encode(new double[]{1.5, -2.25}, ctx.maxLimbs(), ctx.parameters().scale()));
        final Ciphertext back = codec.decodeCiphertext(codec.encode(c));
        assertArrayEquals(c.c0, back.c0);
        assertArrayEquals(c.c1, back.c1);
        assertEquals(c.scale, back.scale);
        final double[] decoded = encoder.decode(new Decryptor(ctx, keys.secretKey()).decrypt(back));
        assertEquals(1.5, decoded[0], 1e-4);
        assertEquals(-2.25, decoded[1], 1e-4);
    }

    @Test
    void outOfRangeResiduesAndWrongKindsAreRejectedAndCounted()
    {
        final Ciphertext c = new Ciphertext(new long[ctx.n()], new long[ctx.n()], 1, 1 << 26);
        c.c0[5] = ctx.modulus(0).value();
        final byte[] bad = codec.encode(c);
        assertThrows(HeFormatException.class, () -> codec.decodeCiphertext(bad));
        final byte[] end = codec.encodeEnd();
        assertThrows(HeFormatException.class, () -> codec.decodeCiphertext(end));
        final byte[] lying = end.clone();
        ByteBuffer.wrap(lying, 13, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 999);
        assertThrows(HeFormatException.class, () -> codec.decodeCiphertext(lying));
        assertEquals(3, codec.rejectedCount());
    }
}
