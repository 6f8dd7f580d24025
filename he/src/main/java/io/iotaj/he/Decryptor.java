package io.iotaj.he;

/** Decryption with the secret key: m = c0 + c1 s over the ciphertext's limbs. */
public final class Decryptor
{
    private final CkksContext ctx;
    private final SecretKey secretKey;

    public Decryptor(final CkksContext ctx, final SecretKey secretKey)
    {
        this.ctx = ctx;
        this.secretKey = secretKey;
    }

    public Plaintext decrypt(final Ciphertext ciphertext)
    {
        final int limbs = ciphertext.limbs;
        final long[] m = new long[limbs * ctx.n()];
        RnsPoly.multiply(ctx, ciphertext.c1, secretKey.s, m, limbs);
        RnsPoly.add(ctx, m, ciphertext.c0, m, limbs);
        return new Plaintext(m, limbs, ciphertext.scale);
    }
}
