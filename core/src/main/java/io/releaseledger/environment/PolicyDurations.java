package io.releaseledger.environment;

import io.releaseledger.InvalidDurationException;
import java.time.Duration;

/**
 * Durations in policies: the one syntax of {@link io.releaseledger.Durations}, with errors raised as
 * {@link InvalidPolicyException} (saying what is allowed) so the YAML loader can add the file and line.
 * Written back with {@link io.releaseledger.Durations#format}.
 */
public final class PolicyDurations {
    /** What {@link #parse} accepts, for error messages. */
    static final String ALLOWED = "a duration such as 30s, 10m, 24h or 1h30m (units ms, s, m, h, d; largest first)";

    private PolicyDurations() {}

    /**
     * Parses {@code text}.
     *
     * @param field the field path to name in the error
     * @throws InvalidPolicyException when the text is not a duration
     */
    public static Duration parse(String field, String text) {
        if (text == null) throw new InvalidPolicyException(field, null, ALLOWED);
        try {
            return io.releaseledger.Durations.parse(field, text.trim());
        } catch (InvalidDurationException e) {
            throw new InvalidPolicyException(field, text, ALLOWED);
        }
    }
}
