package io.iotaj.codecs;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;

/** Ed25519 keys from the JDK's own provider; public keys travel in {@code Join} as X.509 bytes. */
public final class Ed25519Keys
{
    public static final String ALGORITHM = "Ed25519";

    private Ed25519Keys()
    {
    }

    public static KeyPair generate()
    {
        try
        {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("JDK lacks Ed25519", ex);
        }
    }

    /** Parses X.509-encoded public key bytes; bad bytes are an {@link IllegalArgumentException}. */
    public static PublicKey publicKey(final byte[] x509)
    {
        try
        {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalArgumentException("not an Ed25519 public key: " + ex.getMessage(), ex);
        }
    }
}
