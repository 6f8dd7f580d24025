package io.iotaj.tools;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parses a command-line time: an ISO-8601 instant or epoch milliseconds, to epoch nanoseconds. */
final class TimeArgument
{
    private TimeArgument()
    {
    }

    static long epochNanos(final String text, final long absent)
    {
        if (text == null)
        {
            return absent;
        }
        try
        {
            if (text.chars().allMatch(Character::isDigit))
            {
                return Math.multiplyExact(Long.parseLong(text), 1_000_000L);
            }
            final Instant instant = Instant.parse(text);
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        }
        catch (final DateTimeParseException | ArithmeticException | NumberFormatException ex)
        {
            throw new IllegalArgumentException("bad time '" + text +
                "': use an ISO-8601 instant such as 2026-11-24T18:00:00Z, or epoch milliseconds");
        }
    }
}
