package io.releaseledger.environment;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in policies and pipelines: {@code 30s}, {@code 10m}, {@code 24h},
 * {@code 2d}, or combined largest unit first, {@code 1h30m}. No fractions and no ISO-8601: one spelling
 * everywhere keeps config, logs and the UI consistent.
 */
public final class Durations {
    /** What {@link #parse} accepts, for error messages. */
    public static final String ALLOWED = "a duration such as 30s, 10m, 24h or 1h30m (units d, h, m, s; largest first)";

    private static final Pattern FORM = Pattern.compile("(?:(\\d{1,6})d)?(?:(\\d{1,6})h)?(?:(\\d{1,6})m)?(?:(\\d{1,6})s)?");

    private Durations() {}

    /**
     * Parses {@code text}.
     *
     * @param field the field path to name in the error
     * @throws InvalidPolicyException when the text is not a duration in the form above
     */
    public static Duration parse(String field, String text) {
        if (text == null) throw new InvalidPolicyException(field, null, ALLOWED);
        Matcher m = FORM.matcher(text.trim());
        if (text.isBlank() || !m.matches()) throw new InvalidPolicyException(field, text, ALLOWED);
        return Duration.ofDays(part(m, 1)).plusHours(part(m, 2)).plusMinutes(part(m, 3)).plusSeconds(part(m, 4));
    }

    /** A spelling that {@link #parse} reads back to the same duration, e.g. {@code 1h30m}, {@code 60h}, {@code 2d}. */
    public static String format(Duration duration) {
        if (duration.isZero()) return "0s";
        long seconds = duration.getSeconds();
        StringBuilder out = new StringBuilder();
        if (seconds < 0) {
            out.append('-');
            seconds = -seconds;
        }
        long[] sizes = {86_400, 3_600, 60, 1};
        char[] units = {'d', 'h', 'm', 's'};
        // Days only for whole days: "60h" reads better than "2d12h" in a freeze window.
        for (int i = seconds % 86_400 == 0 ? 0 : 1; i < sizes.length; i++) {
            if (seconds >= sizes[i]) {
                out.append(seconds / sizes[i]).append(units[i]);
                seconds %= sizes[i];
            }
        }
        return out.toString();
    }

    private static long part(Matcher m, int group) {
        String digits = m.group(group);
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
