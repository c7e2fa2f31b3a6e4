package io.releaseledger.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The package's small JSON reader and RFC 6901 pointers. */
public class JsonReaderTest {

    @Test
    public void readsNestedValuesEscapesAndNumbersAsWritten() throws Exception {
        Object doc = JsonReader.parse(" {\"a\":[1,-2.50,3e2,true,false,null],\"s\":\"q\\\"\\\\\\/\\n\\u00e9\",\"o\":{}} ");
        Map<?, ?> map = (Map<?, ?>) doc;
        List<?> a = (List<?>) map.get("a");
        assertEquals(new JsonReader.JsonNumber("-2.50"), a.get(1));
        assertEquals(Boolean.TRUE, a.get(3));
        assertNull(a.get(5));
        assertEquals("q\"\\/\né", map.get("s"));
        assertTrue(((Map<?, ?>) map.get("o")).isEmpty());
    }

    @Test
    public void refusesWhatIsNotJson() {
        for (String bad : new String[] {"", "{", "{\"a\":1,}", "[1,]", "01", "1.", "'a'", "{\"a\" 1}", "\"\t\"", "[1] x", "tru", "\"\\x\""}) {
            assertThrows(bad, JsonReader.MalformedJsonException.class, () -> JsonReader.parse(bad));
        }
        assertThrows(JsonReader.MalformedJsonException.class, () -> JsonReader.parse("[".repeat(10_000)));
    }

    @Test
    public void duplicateMemberNamesAreRefusedOnlyWhenAsked() throws Exception {
        assertEquals(Map.of("a", new JsonReader.JsonNumber("2")), JsonReader.parse("{\"a\":1,\"a\":2}"));
        JsonReader.MalformedJsonException e = assertThrows(JsonReader.MalformedJsonException.class,
                () -> JsonReader.parse("{\"o\":{\"a\":1,\"a\":2}}", true));
        assertTrue(e.getMessage(), e.getMessage().contains("duplicate member name \"a\""));
        assertEquals(Map.of("a", Map.of("a", new JsonReader.JsonNumber("1"))), JsonReader.parse("{\"a\":{\"a\":1}}", true));
    }

}
