package io.releaseledger.health;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.releaseledger.internal.JsonTrees;
import java.math.BigDecimal;
import org.junit.Test;

/** RFC 6901 pointers into a probed JSON body, and how a found value is compared with the expected text. */
public class HttpAnswersTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static JsonNode at(JsonNode doc, String pointer) {
        return doc.at(JsonPointer.compile(pointer));
    }

    @Test
    public void pointerFollowsRfc6901() throws Exception {
        JsonNode doc = JsonTrees.readAnswer("{\"foo\":[\"bar\",\"baz\"],\"\":0,\"a/b\":1,\"m~n\":8,\" \":7}");
        assertEquals(doc, at(doc, ""));
        assertEquals("baz", at(doc, "/foo/1").textValue());
        assertEquals(0, at(doc, "/").intValue());
        assertEquals(1, at(doc, "/a~1b").intValue());
        assertEquals(8, at(doc, "/m~0n").intValue());
        assertEquals(7, at(doc, "/ ").intValue());
        assertTrue(at(doc, "/foo/-").isMissingNode());
        assertTrue(at(doc, "/foo/01").isMissingNode());
        assertEquals("/foo/0 is \"bar\", not an object or array",
                HttpAnswers.whyMissing(doc, JsonPointer.compile("/foo/0/x")));
        assertEquals("/foo is an array and \"01\" is not an index", HttpAnswers.whyMissing(doc, JsonPointer.compile("/foo/01")));
        assertEquals("no member \"x\" in the document", HttpAnswers.whyMissing(doc, JsonPointer.compile("/x")));
    }

    @Test
    public void pointerEqualityComparesNumbersNumerically() {
        assertTrue(HttpAnswers.jsonEquals(NODES.numberNode(new BigDecimal("1.0")), "1"));
        assertFalse(HttpAnswers.jsonEquals(NODES.numberNode(1), "one"));
        assertTrue(HttpAnswers.jsonEquals(NODES.booleanNode(false), "false"));
        assertTrue(HttpAnswers.jsonEquals(NODES.nullNode(), "null"));
        assertFalse(HttpAnswers.jsonEquals(NODES.objectNode(), "{}"));
        assertFalse(HttpAnswers.jsonEquals(NODES.textNode("UP "), "UP"));
    }
}
