package io.releaseledger.health;

import io.releaseledger.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@link VerificationPolicy} from pipeline or configuration settings ({@link VerificationPolicy#of}): the
 * keys are the policy's component names, durations text such as {@code 10s} (or a {@link Duration}), thresholds
 * numbers or their text; what is not given is {@link VerificationPolicy#DEFAULTS}'.
 */
final class VerificationPolicyParser {
    private static final String PREFIX = "verification.";

    private VerificationPolicyParser() {}

    static VerificationPolicy parse(Map<String, ?> settings) {
        Map<String, Object> s = new LinkedHashMap<>(settings);
        VerificationPolicy d = VerificationPolicy.DEFAULTS;
        VerificationPolicy p = new VerificationPolicy(
                duration(s, "initialDelay", d.initialDelay()), duration(s, "interval", d.interval()),
                duration(s, "probeTimeout", d.probeTimeout()), count(s, "successThreshold", d.successThreshold()),
                count(s, "failureThreshold", d.failureThreshold()), duration(s, "bakeTime", d.bakeTime()),
                duration(s, "maxDuration", d.maxDuration()));
        if (!s.isEmpty()) {
            String key = s.keySet().iterator().next();
            throw new InvalidVerificationPolicyException(PREFIX + key, s.get(key), "unknown setting; known settings are "
                    + "initialDelay, interval, probeTimeout, successThreshold, failureThreshold, bakeTime, maxDuration");
        }
        return p;
    }

    private static Duration duration(Map<String, Object> s, String key, Duration fallback) {
        if (!s.containsKey(key)) return fallback;
        Object v = s.remove(key);
        if (v instanceof Duration d) return d;
        return Durations.parse(PREFIX + key, v == null ? null : v.toString());
    }

    private static int count(Map<String, Object> s, String key, int fallback) {
        if (!s.containsKey(key)) return fallback;
        Object v = s.remove(key);
        if (v instanceof Integer || v instanceof Long || v instanceof Short) return Math.toIntExact(((Number) v).longValue());
        if (v instanceof String text && text.strip().matches("\\d{1,6}")) return Integer.parseInt(text.strip());
        throw new InvalidVerificationPolicyException(PREFIX + key, v, "must be a whole number of rounds, e.g. 3");
    }
}
