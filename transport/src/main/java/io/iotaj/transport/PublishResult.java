package io.iotaj.transport;

/** What became of a frame handed to a {@link FramePublisher}; anything but {@link #OK} was not sent. */
public enum PublishResult
{
    OK,
    /** The subscriber(s) kept the window full until the deadline. */
    BACK_PRESSURED,
    /** No subscriber connected before the deadline. */
    NOT_CONNECTED,
    /** The publication is closed or reached its maximum position. */
    CLOSED,
    /** Longer than the publication's maximum message length. */
    TOO_LARGE
}
