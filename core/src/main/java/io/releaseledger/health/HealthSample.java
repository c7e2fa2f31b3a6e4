package io.releaseledger.health;

import io.releaseledger.json.CanonicalJson;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one probe of one check saw. Samples are what the ledger keeps; a verification can be rebuilt
 * from them alone (see {@link Verification.Step#fromSamples}).
 *
 * @param check    the check's {@link HealthCheck#name()}
 * @param outcome  healthy, unhealthy, or inconclusive when the probe could not tell
 * @param takenAt  when the probe started, on the verifier's clock
 * @param latency  how long the probe took
 * @param reason   one short line saying why, e.g. {@code status 500 is not in 2xx} or {@code timed out after 2s}
 * @param observed the value looked at (status code, Prometheus value, exit code), or {@code null}
 * @param detail   bounded, masked extra text (command output tail, body excerpt), or {@code null}
 * @param round    the verification round it belongs to, from 1; 0 when taken outside a verification
 */
public record HealthSample(String check, Outcome outcome, Instant takenAt, Duration latency, String reason,
                           String observed, String detail, int round) {

    /** What a probe concluded. */
    public enum Outcome {
        /** The check passed. */
        HEALTHY,
        /** The check failed: the release looks broken. */
        UNHEALTHY,
        /** The probe could not tell (no data, Prometheus error, probe misconfigured). */
        INCONCLUSIVE
    }

    /** Requires every field but {@code observed} and {@code detail}. */
    public HealthSample {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(reason, "reason");
        if (round < 0) throw new IllegalArgumentException("round must be >= 0, was " + round);
    }

    /** The same sample attributed to verification round {@code n}. */
    /** This sample with {@code masker} applied to each of its texts (check name, reason, observed value, detail). */
    public HealthSample masked(java.util.function.UnaryOperator<String> masker) {
        return new HealthSample(masker.apply(check), outcome, takenAt, latency, reason == null ? null : masker.apply(reason),
                observed == null ? null : masker.apply(observed), detail == null ? null : masker.apply(detail), round);
    }

    HealthSample inRound(int n) {
        return new HealthSample(check, outcome, takenAt, latency, reason, observed, detail, n);
    }

    /** The sample as canonical JSON (sorted keys; latency in milliseconds), as the ledger stores it. */
    String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("check", check);
        fields.put("outcome", outcome.name());
        fields.put("takenAt", takenAt.toString());
        fields.put("latencyMillis", latency.toMillis());
        fields.put("reason", reason);
        fields.put("observed", observed);
        fields.put("detail", detail);
        fields.put("round", round);
        return CanonicalJson.object(fields);
    }
}
