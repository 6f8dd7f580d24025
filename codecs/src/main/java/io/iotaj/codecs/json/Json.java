package io.iotaj.codecs.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader and writer for configs, safetensors headers and {@code --json} reports.
 * <p>
 * Parsed values are {@link Map} (insertion-ordered), {@link List}, {@link String}, {@link Boolean},
 * {@code null}, and numbers as {@link Long} when integral without exponent, else {@link Double}.
 * The writer accepts those plus any {@link Number}, {@code double[]}, {@code float[]}, {@code long[]},
 * {@code int[]} and {@link JsonWritable}; non-finite doubles are written as {@code null}.
 */
public final class Json
{
    private Json()
    {
    }

    /** Parses one JSON document; trailing non-space text is an error. */
    public static Object parse(final CharSequence text)
    {
        final Parser parser = new Parser(text);
        final Object value = parser.value();
        parser.skipSpace();
        if (!parser.atEnd())
        {
            throw parser.error("unexpected text after the JSON value");
        }
        return value;
    }

    /** Parses a document that must be an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(final CharSequence text)
    {
        final Object value = parse(text);
        if (!(value instanceof Map))
        {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return (Map<String, Object>)value;
    }

    /** Writes a value on one line, no spaces. */
    public static String write(final Object value)
    {
        final StringBuilder out = new StringBuilder(256);
        write(out, value);
        return out.toString();
    }

    /** Appends a value to {@code out}. */
    public static void write(final StringBuilder out, final Object value)
    {
        if (value == null)
        {
            out.append("null");
        }
        else if (value instanceof String)
        {
            writeString(out, (String)value);
        }
        else if (value instanceof Boolean || value instanceof Long || value instanceof Integer ||
            value instanceof Short || value instanceof Byte)
        {
            out.append(value);
        }
        else if (value instanceof Number)
        {
            writeDouble(out, ((Number)value).doubleValue());
        }
        else if (value instanceof Map)
        {
            writeMap(out, (Map<?, ?>)value);
        }
        else if (value instanceof Iterable)
        {
            writeIterable(out, (Iterable<?>)value);
        }
        else if (value instanceof double[])
        {
            final double[] array = (double[])value;
            out.append('[');
            for (int i = 0; i < array.length; i++)
            {
                out.append(i == 0 ? "" : ",");
                writeDouble(out, array[i]);
            }
            out.append(']');
        }
        else if (value instanceof float[])
        {
            final float[] array = (float[])value;
            out.append('[');
            for (int i = 0; i < array.length; i++)
            {
                out.append(i == 0 ? "" : ",");
                writeDouble(out, array[i]);
            }
            out.append(']');
        }
        else if (value instanceof long[])
        {
            out.append(java.util.Arrays.toString((long[])value).replace(" ", ""));
        }
        else if (value instanceof int[])
        {
            out.append(java.util.Arrays.toString((int[])value).replace(" ", ""));
        }
        else if (value instanceof JsonWritable)
        {
            write(out, ((JsonWritable)value).toJson());
        }
        else
        {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeMap(final StringBuilder out, final Map<?, ?> map)
    {
        out.append('{');
        boolean first = true;
        for (final Map.Entry<?, ?> e : map.entrySet())
        {
            out.append(first ? "" : ",");
            first = false;
            writeString(out, String.valueOf(e.getKey()));
            out.append(':');
            write(out, e.getValue());
        }
        out.append('}');
    }

    private static void writeIterable(final StringBuilder out, final Iterable<?> items)
    {
        out.append('[');
        boolean first = true;
        for (final Object item : items)
        {
            out.append(first ? "" : ",");
            first = false;
            write(out, item);
        }
        out.append(']');
    }

    private static void writeDouble(final StringBuilder out, final double v)
    {
        if (!Double.isFinite(v))
        {
            out.append("null");
        }
        else if (v == Math.rint(v) && Math.abs(v) < 1e15)
        {
            out.append((long)v);
        }
        else
        {
            out.append(v);
        }
    }

    private static void writeString(final StringBuilder out, final String s)
    {
        out.append('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        out.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    /** Recursive-descent parser over a char sequence; errors name the offset. */
    private static final class Parser
    {
        private static final int MAX_DEPTH = 256;
        private final CharSequence text;
        private int pos;
        private int depth;

        Parser(final CharSequence text)
        {
            this.text = text;
        }

        boolean atEnd()
        {
            return pos >= text.length();
        }

        IllegalArgumentException error(final String what)
        {
            return new IllegalArgumentException("bad JSON at offset " + pos + ": " + what);
        }

        void skipSpace()
        {
            while (pos < text.length())
            {
                final char c = text.charAt(pos);
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                {
                    return;
                }
                pos++;
            }
        }

        Object value()
        {
            skipSpace();
            if (atEnd())
            {
                throw error("unexpected end");
            }
            final char c = text.charAt(pos);
            switch (c)
            {
                case '{': return object();
                case '[': return array();
                case '"': return string();
                case 't': return literal("true", Boolean.TRUE);
                case 'f': return literal("false", Boolean.FALSE);
                case 'n': return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return number();
                    }
                    throw error("unexpected character '" + c + "'");
            }
        }

        private void enter()
        {
            if (++depth > MAX_DEPTH)
            {
                throw error("nesting deeper than " + MAX_DEPTH);
            }
        }

        private Map<String, Object> object()
        {
            enter();
            pos++;
            final Map<String, Object> map = new LinkedHashMap<>();
            skipSpace();
            if (peek() == '}')
            {
                pos++;
                depth--;
                return map;
            }
            while (true)
            {
                skipSpace();
                if (peek() != '"')
                {
                    throw error("expected a string key");
                }
                final String key = string();
                skipSpace();
                expect(':');
                if (map.put(key, value()) != null)
                {
                    throw error("duplicate key \"" + key + "\"");
                }
                skipSpace();
                final char c = next();
                if (c == '}')
                {
                    depth--;
                    return map;
                }
                if (c != ',')
                {
                    pos--;
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> array()
        {
            enter();
            pos++;
            final List<Object> list = new ArrayList<>();
            skipSpace();
            if (peek() == ']')
            {
                pos++;
                depth--;
                return list;
            }
            while (true)
            {
                list.add(value());
                skipSpace();
                final char c = next();
                if (c == ']')
                {
                    depth--;
                    return list;
                }
                if (c != ',')
                {
                    pos--;
                    throw error("expected ',' or ']'");
                }
            }
        }

        private String string()
        {
            pos++;
            final StringBuilder sb = new StringBuilder();
            while (true)
            {
                final char c = next();
                if (c == '"')
                {
                    return sb.toString();
                }
                if (c == '\\')
                {
                    final char e = next();
                    switch (e)
                    {
                        case '"': sb.append('"'); break;
                        case '\\': sb.append('\\'); break;
                        case '/': sb.append('/'); break;
                        case 'b': sb.append('\b'); break;
                        case 'f': sb.append('\f'); break;
                        case 'n': sb.append('\n'); break;
                        case 'r': sb.append('\r'); break;
                        case 't': sb.append('\t'); break;
                        case 'u': sb.append(hex4()); break;
                        default: throw error("bad escape '\\" + e + "'");
                    }
                }
                else if (c < 0x20)
                {
                    throw error("control character in string");
                }
                else
                {
                    sb.append(c);
                }
            }
        }

        private char hex4()
        {
            if (pos + 4 > text.length())
            {
                throw error("short \\u escape");
            }
            int v = 0;
            for (int i = 0; i < 4; i++)
            {
                final int d = Character.digit(text.charAt(pos++), 16);
                if (d < 0)
                {
                    throw error("bad hex digit in \\u escape");
                }
                v = (v << 4) | d;
            }
            return (char)v;
        }

        private Object number()
        {
            final int start = pos;
            boolean integral = true;
            if (peek() == '-')
            {
                pos++;
            }
            while (pos < text.length())
            {
                final char c = text.charAt(pos);
                if (c >= '0' && c <= '9')
                {
                    pos++;
                }
                else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')
                {
                    integral = false;
                    pos++;
                }
                else
                {
                    break;
                }
            }
            final String s = text.subSequence(start, pos).toString();
            try
            {
                if (integral && s.length() < 19)
                {
                    return Long.parseLong(s);
                }
                return Double.parseDouble(s);
            }
            catch (final NumberFormatException ex)
            {
                pos = start;
                throw error("bad number '" + s + "'");
            }
        }

        private Object literal(final String word, final Object value)
        {
            if (pos + word.length() > text.length() || !text.subSequence(pos, pos + word.length()).toString().equals(word))
            {
                throw error("expected '" + word + "'");
            }
            pos += word.length();
            return value;
        }

        private char peek()
        {
            if (atEnd())
            {
                throw error("unexpected end");
            }
            return text.charAt(pos);
        }

        private char next()
        {
            final char c = peek();
            pos++;
            return c;
        }

        private void expect(final char c)
        {
            if (next() != c)
            {
                pos--;
                throw error("expected '" + c + "'");
            }
        }
    }
}
