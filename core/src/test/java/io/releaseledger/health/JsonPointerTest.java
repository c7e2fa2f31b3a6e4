package io.releaseledger.health;

import io.releaseledger.json.JsonReader;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The package's small JSON reader and RFC 6901 pointers. */
public class JsonPointerTest {
    @Test
    public void pointerFollowsRfc6901() throws Exception {
        Object doc = JsonReader.parse("{\"foo\":[\"bar\",\"baz\"],\"\":0,\"a/b\":1,\"m~n\":8,\" \":7}");
        assertEquals(doc, JsonPointer.evaluate(doc, "").value());
        assertEquals("baz", JsonPointer.evaluate(doc, "/foo/1").value());
        assertEquals(new JsonReader.JsonNumber("0"), JsonPointer.evaluate(doc, "/").value());
        assertEquals(new JsonReader.JsonNumber("1"), JsonPointer.evaluate(doc, "/a~1b").value());
        assertEquals(new JsonReader.JsonNumber("8"), JsonPointer.evaluate(doc, "/m~0n").value());
        assertEquals(new JsonReader.JsonNumber("7"), JsonPointer.evaluate(doc, "/ ").value());
        assertFalse(JsonPointer.evaluate(doc, "/foo/-").found());
        assertFalse(JsonPointer.evaluate(doc, "/foo/01").found());
        assertEquals("/foo/0 is \"bar\", not an object or array",
                JsonPointer.evaluate(doc, "/foo/0/x").missing());
    }

    @Test
    public void pointerEqualityComparesNumbersNumerically() {
        assertTrue(HttpProbes.jsonEquals(new JsonReader.JsonNumber("1.0"), "1"));
        assertFalse(HttpProbes.jsonEquals(new JsonReader.JsonNumber("1"), "one"));
        assertTrue(HttpProbes.jsonEquals(Boolean.FALSE, "false"));
        assertTrue(HttpProbes.jsonEquals(null, "null"));
        assertFalse(HttpProbes.jsonEquals(Map.of(), "{}"));
        assertFalse(HttpProbes.jsonEquals("UP ", "UP"));
    }
}
