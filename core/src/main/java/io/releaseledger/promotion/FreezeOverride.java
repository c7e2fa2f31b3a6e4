package io.releaseledger.promotion;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseledger.internal.JsonTrees;
import io.releaseledger.json.CanonicalJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The record of a deploy let through a freeze by an {@link EmergencyOverride}; the ledger stores it with
 * the release so the audit shows who broke the freeze and why.
 *
 * @param freeze the name of the freeze window that was in force
 * @param frozenUntil when that freeze would have ended
 * @param by who asked for the override
 * @param reason why
 * @param at when the override was used
 */
public record FreezeOverride(String freeze, Instant frozenUntil, String by, String reason, Instant at) {

    /** One line for people: {@code freeze 'christmas' (until 2026-12-27T00:00:00Z) overridden by alice: INC-1234}. */
    public String describe() {
        return "freeze '" + freeze + "'" + (frozenUntil == null ? "" : " (until " + frozenUntil + ")")
                + " overridden by " + by + ": " + reason;
    }

    /** Its fields as the engine's plan and the ledger's {@code freeze_override} column keep them (times as ISO-8601). */
    public Map<String, Object> toMap() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("freeze", freeze);
        f.put("frozenUntil", String.valueOf(frozenUntil));
        f.put("by", by);
        f.put("reason", reason);
        f.put("at", String.valueOf(at));
        return f;
    }

    public String toJson() {
        return CanonicalJson.object(toMap());
    }

    /** Reads what {@link #toMap} wrote. */
    public static FreezeOverride fromTree(JsonNode f) {
        return new FreezeOverride(text(f, "freeze"), instant(text(f, "frozenUntil")), text(f, "by"), text(f, "reason"),
                instant(text(f, "at")));
    }

    /** Reads what {@link #toJson} wrote; {@code null} for {@code null}. */
    public static FreezeOverride fromJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode tree = JsonTrees.readStored(json);
            if (!tree.isObject()) {
                throw new IllegalStateException("the ledger's freeze override record is not a JSON object: " + json);
            }
            return fromTree(tree);
        } catch (JsonTrees.MalformedJsonException e) {
            throw new IllegalStateException("the ledger's freeze override record is not the JSON it writes: " + json, e);
        }
    }

    /**
     * The override recorded in an engine plan's JSON, or {@code null}: what the ledger stores beside the plan so that
     * every view of the release shows it without reading the plan.
     */
    public static FreezeOverride inPlan(String planJson) {
        if (planJson == null || !planJson.contains("\"freezeOverride\":{")) {
            return null;
        }
        try {
            JsonNode f = JsonTrees.readStored(planJson).path("freezeOverride");
            return f.isObject() ? fromTree(f) : null;
        } catch (JsonTrees.MalformedJsonException e) {
            return null; // not the engine's plan: nothing of ours to show
        }
    }

    /** A string member's text; {@code null} when absent or JSON null. */
    private static String text(JsonNode object, String key) {
        JsonNode value = object.get(key);
        return value == null || value.isNull() ? null : value.textValue();
    }

    private static Instant instant(String text) {
        return text == null || "null".equals(text) ? null : Instant.parse(text);
    }
}
