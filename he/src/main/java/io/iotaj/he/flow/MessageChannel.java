package io.iotaj.he.flow;

import io.iotaj.he.Ciphertext;

/**
 * One end of a two-way channel of whole {@link io.iotaj.he.HeCodec} messages between the data owner and the
 * model owner: {@link InProcessChannel} (two queues in one process) or {@link AeronChannel} (SBE Ciphertext
 * frames over Aeron IPC or UDP, in one process or two).
 */
public interface MessageChannel extends AutoCloseable
{
    void send(byte[] message);

    /** Sends an encoded ciphertext; a framed channel also writes its level and scale into the frame header. */
    default void send(final byte[] message, final Ciphertext ciphertext)
    {
        send(message);
    }

    /** Blocks for the next message; throws IllegalStateException if none arrives in time or the peer is gone. */
    byte[] receive();

    @Override
    void close();
}
