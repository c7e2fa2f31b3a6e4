package io.releaseledger.web;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads a route's query parameters strictly: unknown names and malformed values are refused by name. */
final class Params {
    private final Map<String, String> query;

    private Params(Map<String, String> query) {
        this.query = query;
    }

    /** Refuses any parameter not in {@code allowed}, so a typo like {@code limt} is not silently ignored. */
    static Params of(Map<String, String> query, String route, Set<String> allowed) {
        Map<String, String> q = query == null ? Map.of() : query;
        for (String name : new TreeSet<>(q.keySet())) {
            if (!allowed.contains(name)) {
                throw new BadRequest(name, "unknown parameter '" + Json.clip(name) + "' for " + route
                        + (allowed.isEmpty() ? ", which takes no parameters"
                                : "; it takes " + String.join(", ", new TreeSet<>(allowed))));
            }
        }
        return new Params(q);
    }

    /** The parameter, or {@code null} when absent or empty (an empty form field means "not given"). */
    String text(String name) {
        String v = query.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** An integer in [min, max], or {@code fallback} when absent. */
    int integer(String name, int min, int max, int fallback) {
        Long v = number(name, min, max, "a whole number from " + min + " to " + max);
        return v == null ? fallback : v.intValue();
    }

    /** A number in [min, Long.MAX_VALUE], or {@code null} when absent. */
    Long atLeast(String name, long min, String what) {
        return number(name, min, Long.MAX_VALUE, what);
    }

    private static final java.util.regex.Pattern CANONICAL = java.util.regex.Pattern.compile("0|[1-9][0-9]{0,18}");

    /**
     * {@code raw} as a number when it is written canonically — ASCII digits, no sign, no leading zero — and fits
     * in a long; else {@code null}. {@link Long#parseLong} would also take {@code +5}, {@code 05} and other
     * scripts' digits.
     */
    static Long canonicalNumber(String raw) {
        if (raw == null || !CANONICAL.matcher(raw).matches()) {
            return null;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            return null; // 19 digits beyond Long.MAX_VALUE
        }
    }

    private Long number(String name, long min, long max, String allowed) {
        String raw = text(name);
        if (raw == null) {
            return null;
        }
        Long parsed = canonicalNumber(raw);
        if (parsed == null) {
            throw new BadRequest(name, name + " '" + Json.clip(raw) + "' is not a number in ASCII digits without a sign"
                    + " or leading zeros; use " + allowed);
        }
        long value = parsed;
        if (value < min || value > max) {
            throw new BadRequest(name, name + " " + value + " is out of range; use " + allowed);
        }
        return value;
    }
}
