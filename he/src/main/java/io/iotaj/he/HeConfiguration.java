package io.iotaj.he;

import io.iotaj.transport.Streams;

/**
 * Defaults of the encrypted split-inference flow, each overridable by a system property (the Aeron way).
 * The data owner's frames go on stream {@link Streams#CIPHERTEXTS}, the model owner's on the next one.
 */
public final class HeConfiguration
{
    public static final String CHUNK_BYTES_PROP = "iotaj.he.chunk.bytes";
    public static final String CONNECT_TIMEOUT_MS_PROP = "iotaj.he.connect.timeout.ms";
    public static final String RECEIVE_TIMEOUT_MS_PROP = "iotaj.he.receive.timeout.ms";

    /** Stream of everything the data owner sends: public keys once, then one ciphertext per image. */
    public static final int DATA_TO_MODEL_STREAM = Streams.CIPHERTEXTS;
    /** Stream of everything the model owner sends: the key request, then the encrypted logits. */
    public static final int MODEL_TO_DATA_STREAM = Streams.CIPHERTEXTS + 1;

    /**
     * Payload bytes per Ciphertext frame: a 270 KiB activation is one frame, 33 MB of Galois keys are 32.
     * Must stay below an eighth of the term length less the frame header (Aeron's largest message).
     */
    public static final int CHUNK_BYTES_DEFAULT = 1 << 20;
    /** How long a publisher waits for its peer to connect or drain before the send fails. */
    public static final long CONNECT_TIMEOUT_MS_DEFAULT = 60_000;
    /** How long a receiver waits for the peer's next message (a conv2 image takes seconds with the diagonal method). */
    public static final long RECEIVE_TIMEOUT_MS_DEFAULT = 600_000;

    /** Where the model owner receives in two-process runs. */
    public static final String MODEL_ENDPOINT_DEFAULT = "127.0.0.1:40330";
    /** Where the data owner receives in two-process runs. */
    public static final String DATA_ENDPOINT_DEFAULT = "127.0.0.1:40331";

    private HeConfiguration()
    {
    }

    public static int chunkBytes()
    {
        return Integer.getInteger(CHUNK_BYTES_PROP, CHUNK_BYTES_DEFAULT);
    }

    public static long connectTimeoutMs()
    {
        return Long.getLong(CONNECT_TIMEOUT_MS_PROP, CONNECT_TIMEOUT_MS_DEFAULT);
    }

    public static long receiveTimeoutMs()
    {
        return Long.getLong(RECEIVE_TIMEOUT_MS_PROP, RECEIVE_TIMEOUT_MS_DEFAULT);
    }
}
