package io.releaseledger.ledger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseledger.internal.JsonTrees;
import io.releaseledger.json.CanonicalJson;
import io.releaseledger.release.ReleasePlan;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The audit chain over events that an earlier build wrote: {@code audit-export-before-jackson.jsonl} is the
 * {@code release-ledger audit export} of a ledger written by the build before core read JSON with Jackson (the demo,
 * then releases whose actor, location, plan, probe findings and approval comment hold quotes, backslashes,
 * {@code < > &}, U+2028, non-ASCII and an emoji, and plans with the thresholds {@code 1.0E-7} and {@code -0.0}).
 * Their hashes cover canonical bytes, so the canonical writer must keep writing exactly those bytes.
 */
public class CanonicalEventBytesTest {

    private static List<JsonNode> exported() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        try (InputStream in = CanonicalEventBytesTest.class.getResourceAsStream("audit-export-before-jackson.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                events.add(JsonTrees.readStored(line));
            }
        }
        return events;
    }

    private static LedgerEvent event(JsonNode e) {
        return new LedgerEvent(e.get("seq").longValue(), Instant.ofEpochMilli(e.get("atEpochMillis").longValue()),
                e.get("actor").textValue(), e.get("origin").textValue(), EventType.valueOf(e.get("type").textValue()),
                e.get("environment").textValue(), e.get("release").isNull() ? null : e.get("release").longValue(),
                e.get("payload").textValue(), e.get("previousHash").textValue(), e.get("hash").textValue());
    }

    @Test
    public void eventsWrittenByTheEarlierBuildStillHashToTheirRecordedHashes() throws Exception {
        String previous = LedgerEvent.GENESIS;
        List<JsonNode> events = exported();
        assertEquals(99, events.size());
        for (JsonNode e : events) {
            LedgerEvent event = event(e);
            assertEquals("link of event " + event.seq(), previous, event.previousHash());
            assertEquals("hash of event " + event.seq(), event.hash(), EventHashes.link(previous, event));
            previous = event.hash();
        }
    }

    @Test
    public void storedPayloadsReadWithJacksonAreWrittenBackToTheSameBytes() throws Exception {
        int plans = 0;
        for (JsonNode e : exported()) {
            String payload = e.get("payload").textValue();
            assertEquals("payload of event " + e.get("seq"), payload, CanonicalJson.object(javaObject(JsonTrees.readStored(payload))));
            JsonNode plan = JsonTrees.readStored(payload).get("plan");
            if (plan != null) {
                assertEquals("plan of event " + e.get("seq"), plan.textValue(), ReleasePlan.fromJson(plan.textValue()).toJson());
                plans++;
            }
        }
        assertTrue("the fixture holds release plans", plans >= 9);
    }

    /** The values CanonicalJson takes, from a tree as {@link JsonTrees#readStored} reads it. */
    private static Map<String, Object> javaObject(JsonNode object) {
        Map<String, Object> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(f -> out.put(f.getKey(), javaValue(f.getValue())));
        return out;
    }

    private static Object javaValue(JsonNode value) {
        if (value.isObject()) return javaObject(value);
        if (value.isArray()) {
            List<Object> items = new ArrayList<>();
            value.forEach(item -> items.add(javaValue(item)));
            return items;
        }
        if (value.isTextual()) return value.textValue();
        if (value.isIntegralNumber()) return value.longValue();
        if (value.isNumber()) return value.doubleValue();
        if (value.isBoolean()) return value.booleanValue();
        if (value.isNull()) return null;
        throw new AssertionError("unexpected " + value.getNodeType());
    }
}
