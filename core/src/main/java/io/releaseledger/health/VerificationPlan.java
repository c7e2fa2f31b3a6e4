package io.releaseledger.health;

import io.releaseledger.Durations;
import io.releaseledger.InvalidDurationException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a release is verified with: its checks and its policy, in the form the ledger keeps so that a
 * release can be resumed after a crash from the ledger alone. {@link #toJson()} writes it,
 * {@link #fromJson(String)} reads it back to an equal plan, re-validating every value through the
 * checks' and the policy's own constructors.
 *
 * <p>Checks hold secret references only, so the JSON holds references only.
 *
 * @param checks what to probe each round, in order; may be empty (a plan with nothing to probe:
 *               whether that skips verification or is refused is the release engine's decision)
 * @param policy when to probe and what it takes to conclude
 */
public record VerificationPlan(List<HealthCheck> checks, VerificationPolicy policy) {

    /** The version {@link #toJson()} writes and the only one {@link #fromJson(String)} reads. */
    static final int FORMAT_VERSION = 1;

    /**
     * Requires checks without null elements and a policy, and that every duration is a whole number
     * of milliseconds, which is what the persisted form records.
     *
     * @throws io.releaseledger.InvalidInputException naming the path ({@code checks[0]}, {@code checks[0].timeout},
     *                                          {@code policy.interval}) of a value that cannot be kept
     */
    public VerificationPlan {
        if (checks == null) throw new InvalidVerificationPlanException("checks", "give a list of checks (it may be empty)");
        for (int k = 0; k < checks.size(); k++) {
            HealthCheck check = checks.get(k);
            if (check == null) throw new InvalidVerificationPlanException("checks[" + k + "]", "a check cannot be null");
            requireRecordable("checks[" + k + "].timeout", check.timeout());
        }
        checks = List.copyOf(checks);
        if (policy == null) throw new InvalidVerificationPlanException("policy", "give a verification policy, e.g. VerificationPolicy.DEFAULTS");
        requireRecordable("policy.initialDelay", policy.initialDelay());
        requireRecordable("policy.interval", policy.interval());
        requireRecordable("policy.probeTimeout", policy.probeTimeout());
        requireRecordable("policy.bakeTime", policy.bakeTime());
        requireRecordable("policy.maxDuration", policy.maxDuration());
    }

    /**
     * The plan as canonical JSON: sorted keys, every field present ({@code null} when an optional
     * field is unset), durations in the {@link Durations} syntax ({@code 10s}), a {@code kind} on each
     * check and {@code "version": 1} at the top. The same plan always gives the same text.
     */
    public String toJson() {
        return VerificationPlanWriter.write(this);
    }

    /**
     * Reads what {@link #toJson()} wrote: {@code fromJson(p.toJson()).equals(p)} for every plan.
     *
     * @throws io.releaseledger.InvalidInputException naming the JSON path and what it should hold, for text
     *         that is not JSON, an unsupported version, an unknown check kind, an unknown or missing
     *         key, a value of the wrong type, or a value the check or policy itself refuses
     */
    public static VerificationPlan fromJson(String json) {
        Objects.requireNonNull(json, "json");
        return VerificationPlanReader.read(json);
    }

    // Durations.format/parse carry whole milliseconds only; refuse here rather than record a rounded value.
    private static void requireRecordable(String path, Duration d) {
        if (d == null) return;
        boolean exact;
        try {
            exact = Durations.parse(path, Durations.format(d)).equals(d);
        } catch (ArithmeticException | InvalidDurationException e) {
            exact = false;
        }
        if (!exact) {
            throw new InvalidVerificationPlanException(path, "a duration is recorded in whole milliseconds;"
                    + " give e.g. 1500ms, without a fraction of a millisecond and under 100 million years");
        }
    }
}
