package io.iotaj.clasp.sim;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * How many adversaries of each kind to plant, parsed from {@code noise:2,lazy:1,stale:1,pair:1}. A
 * {@code pair} count is a number of pairs (two miners each).
 */
public final class AdversaryMix
{
    private final EnumMap<Behaviour, Integer> counts = new EnumMap<>(Behaviour.class);

    private AdversaryMix()
    {
    }

    public static AdversaryMix none()
    {
        return new AdversaryMix();
    }

    /** Parses a comma-separated list of kind:count; an empty string means no adversaries. */
    public static AdversaryMix parse(final String spec)
    {
        final AdversaryMix mix = new AdversaryMix();
        if (spec == null || spec.isBlank())
        {
            return mix;
        }
        for (final String part : spec.split(","))
        {
            final String[] kv = part.trim().split(":");
            if (kv.length != 2)
            {
                throw new IllegalArgumentException("bad adversary \"" + part + "\": expected kind:count");
            }
            final Behaviour kind;
            try
            {
                kind = Behaviour.valueOf(kv[0].trim().toUpperCase(Locale.ROOT));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(
                    "unknown adversary kind \"" + kv[0].trim() + "\" (noise, lazy, stale, pair)");
            }
            if (kind == Behaviour.HONEST)
            {
                throw new IllegalArgumentException("\"honest\" is not an adversary kind");
            }
            final int count;
            try
            {
                count = Integer.parseInt(kv[1].trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("bad adversary count \"" + kv[1].trim() + "\"");
            }
            if (count < 0)
            {
                throw new IllegalArgumentException("negative adversary count " + count);
            }
            mix.counts.merge(kind, count, Integer::sum);
        }
        return mix;
    }

    public int count(final Behaviour kind)
    {
        return counts.getOrDefault(kind, 0);
    }

    /** Miners taken by adversaries (a pair counts two). */
    public int miners()
    {
        int total = 0;
        for (final Map.Entry<Behaviour, Integer> e : counts.entrySet())
        {
            total += e.getKey() == Behaviour.PAIR ? 2 * e.getValue() : e.getValue();
        }
        return total;
    }

    @Override
    public String toString()
    {
        final StringBuilder out = new StringBuilder();
        for (final Map.Entry<Behaviour, Integer> e : counts.entrySet())
        {
            out.append(out.length() == 0 ? "" : ",").append(e.getKey().label()).append(':').append(e.getValue());
        }
        return out.toString();
    }
}
