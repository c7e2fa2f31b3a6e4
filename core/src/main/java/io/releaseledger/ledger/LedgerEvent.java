package io.releaseledger.ledger;

import io.releaseledger.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One link of the audit chain. {@code hash = sha256(previousHash ‖ canonicalBytes())}, hex-encoded.
 *
 * @param environment the environment it concerns, or {@code null}
 * @param releaseId   the release it concerns, or {@code null}
 * @param payload     the event's details as canonical JSON (sorted keys)
 */
public record LedgerEvent(long seq, Instant occurredAt, String actor, String origin, EventType type,
                          String environment, Long releaseId, String payload, String previousHash, String hash) {

    /** The hash of the link before the first event. */
    public static final String GENESIS = "0".repeat(64);

    /**
     * The bytes the hash covers: every field but the hashes, as canonical JSON. Written out field by
     * field so that adding a record component can never silently change old hashes.
     */
    public byte[] canonicalBytes() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seq", seq);
        fields.put("at", occurredAt.toEpochMilli());
        fields.put("actor", actor);
        fields.put("origin", origin);
        fields.put("type", type.name());
        fields.put("environment", environment);
        fields.put("release", releaseId);
        fields.put("payload", payload);
        return CanonicalJson.object(fields).getBytes(StandardCharsets.UTF_8);
    }
}
