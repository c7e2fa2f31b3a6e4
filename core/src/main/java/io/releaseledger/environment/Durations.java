package io.releaseledger.environment;

import io.releaseledger.InvalidDurationException;
import java.time.Duration;

/**
 * Durations in policy files: the one syntax of {@link io.releaseledger.Durations}, with errors
 * raised as {@link InvalidPolicyException} so the YAML loader can add the file and line.
 */
public final class Durations {
    /** What {@link #parse} accepts, for error messages. */
    public static final String ALLOWED = "a duration such as 30s, 10m, 24h or 1h30m (units ms, s, m, h, d; largest first)";

    private Durations() {}

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

    /** A spelling that {@link #parse} reads back to the same duration, e.g. {@code 1h30m}. */
    public static String format(Duration duration) {
        return io.releaseledger.Durations.format(duration);
    }
}
