package io.releaseledger.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import org.junit.Test;

/** Core's two JSON readers: another system's answers, and what core itself stored. */
public class JsonTreesTest {

    @Test
    public void readsNestedValuesEscapesAndNumbersAsWritten() throws Exception {
        JsonNode doc = JsonTrees.readAnswer(" {\"a\":[1,-2.50,3e2,true,false,null],\"s\":\"q\\\"\\\\\\/\\n\\u00e9\",\"o\":{}} ");
        JsonNode a = doc.get("a");
        assertEquals(new BigDecimal("-2.50"), a.get(1).decimalValue());
        assertEquals("-2.50", a.get(1).decimalValue().toString());
        assertTrue(a.get(3).booleanValue());
        assertTrue(a.get(5).isNull());
        assertEquals("q\"\\/\né", doc.get("s").textValue());
        assertTrue(doc.get("o").isEmpty());
    }

    @Test
    public void readsStoredNumbersAsJavaWroteThem() throws Exception {
        JsonNode doc = JsonTrees.readStored("{\"i\":7,\"l\":12345678901,\"d\":-0.0,\"e\":1.0E-7}");
        assertTrue(doc.get("i").isInt());
        assertTrue(doc.get("l").isLong());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(doc.get("d").doubleValue()));
        assertEquals(1.0E-7, doc.get("e").doubleValue(), 0);
    }

    @Test
    public void refusesWhatIsNotJson() {
        for (String bad : new String[] {"", "{", "{\"a\":1,}", "[1,]", "01", "1.", "'a'", "{\"a\" 1}", "\"\t\"", "[1] x", "tru", "\"\\x\""}) {
            assertThrows(bad, JsonTrees.MalformedJsonException.class, () -> JsonTrees.readAnswer(bad));
            assertThrows(bad, JsonTrees.MalformedJsonException.class, () -> JsonTrees.readStored(bad));
        }
        assertThrows(JsonTrees.MalformedJsonException.class, () -> JsonTrees.readAnswer("[".repeat(10_000)));
        JsonTrees.MalformedJsonException trailing = assertThrows(JsonTrees.MalformedJsonException.class,
                () -> JsonTrees.readStored("{} {}"));
        assertTrue(trailing.getMessage(), trailing.getMessage().contains("unexpected text after the JSON value"));
    }

    @Test
    public void duplicateMemberNamesAreRefusedOnlyInWhatCoreStored() throws Exception {
        assertEquals(2, JsonTrees.readAnswer("{\"a\":1,\"a\":2}").get("a").intValue());
        JsonTrees.MalformedJsonException e = assertThrows(JsonTrees.MalformedJsonException.class,
                () -> JsonTrees.readStored("{\"o\":{\"a\":1,\"a\":2}}"));
        assertTrue(e.getMessage(), e.getMessage().contains("duplicate member name \"a\""));
        assertEquals(1, JsonTrees.readStored("{\"a\":{\"a\":1}}").get("a").get("a").intValue());
    }
}
