package io.releaseledger;

import java.time.Duration;
import java.util.Objects;

/**
 * Reads and writes the duration syntax used in pipelines and configuration: whole numbers with a
 * unit, largest unit first, each unit at most once — {@code 500ms}, {@code 10s}, {@code 2m},
 * {@code 1h30m}, {@code 1d}. Shared by every setting that takes a duration.
 */
public final class Durations {
    private Durations() {}

    // Largest first; the parser enforces this order so "30m1h" is refused rather than guessed at.
    private static final String[] UNITS = {"d", "h", "m", "s", "ms"};
    private static final long[] MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};

    /**
     * Parses {@code text} into a non-negative duration.
     *
     * @param field named in the error, e.g. {@code verification.interval}
     * @throws InvalidDurationException when the text is blank, lacks a unit, uses an unknown unit,
     *                                  repeats or misorders units, or overflows
     */
    public static Duration parse(String field, String text) {
        Objects.requireNonNull(field, "field");
        if (text == null || text.isBlank()) throw new InvalidDurationException(field, text, "it is empty");
        String s = text.strip();
        int i = 0;
        int lastUnit = -1;
        long total = 0;
        while (i < s.length()) {
            int digitsStart = i;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
            if (i == digitsStart) {
                String why = s.charAt(i) == '-' ? "negative durations are not allowed"
                        : "expected a number at " + Inputs.quoted(s.substring(i));
                throw new InvalidDurationException(field, text, why);
            }
            if (i - digitsStart > 12) throw new InvalidDurationException(field, text, "the number is too large");
            long amount = Long.parseLong(s.substring(digitsStart, i));
            int unitStart = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) i++;
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                String why = i < s.length() ? "unexpected " + Inputs.quoted(s.substring(i)) : "a unit is missing";
                throw new InvalidDurationException(field, text, why);
            }
            int u = unitIndex(unit);
            if (u < 0) throw new InvalidDurationException(field, text, "unknown unit " + Inputs.quoted(unit));
            if (u <= lastUnit) throw new InvalidDurationException(field, text, "units must appear once each, largest first");
            lastUnit = u;
            try {
                total = Math.addExact(total, Math.multiplyExact(amount, MILLIS[u]));
            } catch (ArithmeticException e) {
                throw new InvalidDurationException(field, text, "the number is too large");
            }
        }
        return Duration.ofMillis(total);
    }

    /** Writes {@code d} in the syntax {@link #parse} reads, e.g. {@code 1h30m}, {@code 2s}, {@code 0s}. */
    public static String format(Duration d) {
        Objects.requireNonNull(d, "d");
        if (d.isNegative()) return "-" + format(d.negated());
        long ms = d.toMillis();
        if (ms == 0) return d.isZero() ? "0s" : d.toNanos() + "ns";
        StringBuilder out = new StringBuilder();
        // Days only for whole days: "60h" reads better than "2d12h" in a freeze window.
        for (int u = ms % MILLIS[0] == 0 ? 0 : 1; u < UNITS.length; u++) {
            long n = ms / MILLIS[u];
            if (n > 0) {
                out.append(n).append(UNITS[u]);
                ms -= n * MILLIS[u];
            }
        }
        return out.toString();
    }

    private static int unitIndex(String unit) {
        for (int u = 0; u < UNITS.length; u++) {
            if (UNITS[u].equals(unit)) return u;
        }
        return -1;
    }
}
