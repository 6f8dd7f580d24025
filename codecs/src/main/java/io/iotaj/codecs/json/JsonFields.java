package io.iotaj.codecs.json;

import java.util.List;
import java.util.Map;

/** Typed, checked access to fields of a parsed JSON object, with errors that name the field. */
public final class JsonFields
{
    private final Map<String, Object> map;
    private final String where;

    public JsonFields(final Map<String, Object> map, final String where)
    {
        this.map = map;
        this.where = where;
    }

    public boolean has(final String key)
    {
        return map.containsKey(key);
    }

    public Object raw(final String key)
    {
        if (!map.containsKey(key))
        {
            throw new IllegalArgumentException(where + ": missing field \"" + key + "\"");
        }
        return map.get(key);
    }

    public double number(final String key)
    {
        final Object v = raw(key);
        if (!(v instanceof Number))
        {
            throw new IllegalArgumentException(where + ": field \"" + key + "\" must be a number");
        }
        return ((Number)v).doubleValue();
    }

    public double number(final String key, final double fallback)
    {
        return has(key) ? number(key) : fallback;
    }

    public long integer(final String key)
    {
        final Object v = raw(key);
        if (!(v instanceof Long))
        {
            throw new IllegalArgumentException(where + ": field \"" + key + "\" must be an integer");
        }
        return (Long)v;
    }

    /** An integer that must lie in [min, max]. */
    public int intIn(final String key, final int min, final int max)
    {
        final long v = integer(key);
        if (v < min || v > max)
        {
            throw new IllegalArgumentException(
                where + ": field \"" + key + "\" = " + v + " is outside [" + min + ", " + max + "]");
        }
        return (int)v;
    }

    public String string(final String key)
    {
        final Object v = raw(key);
        if (!(v instanceof String))
        {
            throw new IllegalArgumentException(where + ": field \"" + key + "\" must be a string");
        }
        return (String)v;
    }

    public List<?> list(final String key)
    {
        final Object v = raw(key);
        if (!(v instanceof List))
        {
            throw new IllegalArgumentException(where + ": field \"" + key + "\" must be an array");
        }
        return (List<?>)v;
    }

    @SuppressWarnings("unchecked")
    public JsonFields object(final String key)
    {
        final Object v = raw(key);
        if (!(v instanceof Map))
        {
            throw new IllegalArgumentException(where + ": field \"" + key + "\" must be an object");
        }
        return new JsonFields((Map<String, Object>)v, where + "." + key);
    }

    public Map<String, Object> asMap()
    {
        return map;
    }
}
