package io.iotaj.codecs.json;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class JsonTest
{
    @Test
    void roundTripsNestedValues()
    {
        final String text = "{\"a\":1,\"b\":[1.5,-2,\"x\\n\\\"y\"],\"c\":{\"d\":true,\"e\":null},\"f\":1e-05}";
        final Map<String, Object> parsed = Json.parseObject(text);
        assertEquals(1L, parsed.get("a"));
        assertEquals(List.of(1.5, -2L, "x\n\"y"), parsed.get("b"));
        assertEquals(1e-5, (Double)parsed.get("f"), 0.0);
        assertEquals(parsed, Json.parseObject(Json.write(parsed)));
    }

    @Test
    void writesArraysAndNonFiniteAsNull()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("f", new float[]{1f, 0.5f});
        m.put("nan", Double.NaN);
        m.put("i", new int[]{3, 4});
        assertEquals("{\"f\":[1,0.5],\"nan\":null,\"i\":[3,4]}", Json.write(m));
    }

    @Test
    void rejectsMalformedTextWithOffset()
    {
        for (final String bad : new String[]{"", "{", "{\"a\" 1}", "[1,]", "{\"a\":1,\"a\":2}", "tru", "1 2", "\"\\q\""})
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertTrue(ex.getMessage().startsWith("bad JSON at offset"), ex.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[".repeat(10_000)));
    }

    @Test
    void fieldsNameWhatIsWrong()
    {
        final JsonFields f = new JsonFields(Json.parseObject("{\"dim\":64.5,\"n\":3}"), "config.json");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> f.integer("dim"));
        assertEquals("config.json: field \"dim\" must be an integer", ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.intIn("n", 4, 8));
        assertThrows(IllegalArgumentException.class, () -> f.raw("missing"));
    }
}
