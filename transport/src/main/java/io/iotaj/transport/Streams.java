package io.iotaj.transport;

/** Aeron stream ids by traffic kind; one channel carries several streams. */
public final class Streams
{
    public static final int ACTIVATIONS = 10;
    public static final int GRADIENTS = 11;
    public static final int PARAMETERS = 12;
    public static final int CONTROL = 20;
    public static final int CIPHERTEXTS = 30;

    private Streams()
    {
    }
}
