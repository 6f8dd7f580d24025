package io.iotaj.he.flow;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Wraps a channel end and keeps a copy of everything sent through it. */
final class RecordingChannel implements MessageChannel
{
    private final MessageChannel delegate;
    final List<byte[]> sent = new CopyOnWriteArrayList<>();

    RecordingChannel(final MessageChannel delegate)
    {
        this.delegate = delegate;
    }

    @Override
    public void send(final byte[] message)
    {
        sent.add(message.clone());
        delegate.send(message);
    }

    @Override
    public byte[] receive()
    {
        return delegate.receive();
    }

    @Override
    public void close()
    {
        delegate.close();
    }
}
