package io.iotaj.he.flow;

/**
 * One end of a two-way channel of whole messages between the data owner and the model owner. The
 * in-process implementation is {@link InProcessChannel}; an Aeron binding carrying SBE Ciphertext
 * frames is the next step.
 */
public interface MessageChannel extends AutoCloseable
{
    void send(byte[] message);

    /** Blocks for the next message; throws IllegalStateException if none arrives in time or the peer is gone. */
    byte[] receive();

    @Override
    void close();
}
