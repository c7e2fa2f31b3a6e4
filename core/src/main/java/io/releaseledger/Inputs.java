package io.releaseledger;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The one place user input is checked, for every entry point. Each check throws an
 * {@link InvalidInputException}; the checks that take a {@link Refusal} throw the subtype the caller's
 * domain words its errors in (a policy's {@code InvalidPolicyException}, a health check's …).
 */
public final class Inputs {
    private Inputs() {}

    private static final int SHOWN = 80;

    /**
     * How a caller words a refusal: the constructor of its {@link InvalidInputException} subtype that takes
     * the field, the value as given, and what is allowed, e.g. {@code InvalidPolicyException::new}.
     */
    @FunctionalInterface
    public interface Refusal {
        InvalidInputException of(String field, String value, String allowed);
    }

    /** {@code value}, refused when it is {@code null}; {@code allowed} says what to give. */
    public static <T> T present(String field, T value, String allowed, Refusal refusal) {
        if (value == null) {
            throw refusal.of(field, null, allowed);
        }
        return value;
    }

    /** {@code value}, refused unless {@code pattern} matches all of it; {@code allowed} describes the pattern. */
    public static String matching(String field, String value, Pattern pattern, String allowed, Refusal refusal) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw refusal.of(field, value, allowed);
        }
        return value;
    }

    /** An optional duration: {@code null}, or longer than zero; a refusal shows it as {@link Durations} writes it. */
    public static Duration positiveIfPresent(String field, Duration value, String allowed, Refusal refusal) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw refusal.of(field, Durations.format(value), allowed);
        }
        return value;
    }

    /**
     * A name-like value: non-empty, at most {@code max} characters, matching {@code pattern}.
     * {@code rule} is the human description of the pattern.
     */
    public static String name(String field, String value, int max, Pattern pattern, String rule) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(field, value, "it is required; " + rule);
        }
        if (value.length() > max) {
            throw new InvalidInputException(field, value,
                    "it is " + value.length() + " characters long; at most " + max + " are allowed");
        }
        rejectControlCharacters(field, value);
        if (!pattern.matcher(value).matches()) {
            throw new InvalidInputException(field, value, rule);
        }
        return value;
    }

    /** Free text such as a reason or a location: optional, bounded, no control characters. */
    public static String text(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw new InvalidInputException(field, value,
                    "it is " + value.length() + " characters long; at most " + max + " are allowed");
        }
        rejectControlCharacters(field, value);
        return value;
    }

    /** Like {@link #text} but required and not blank. */
    public static String requiredText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, value, "it is required and may not be blank");
        }
        return text(field, value, max);
    }

    private static void rejectControlCharacters(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new InvalidInputException(field, value, String.format(
                        "it contains the control character U+%04X at position %d; control characters"
                                + " (newlines, tabs, escapes) are not allowed", (int) c, i + 1));
            }
        }
    }

    /**
     * A value in double quotes for a message, cut at 80 characters; {@code null} as {@code null}. For
     * values that are known to hold no control characters (already validated or parsed).
     */
    public static String quoted(Object value) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        return '"' + (s.length() > SHOWN ? s.substring(0, SHOWN) + "…" : s) + '"';
    }

    /** The value as it may be shown in a message: quoted, controls escaped, long values cut. */
    static String show(String value) {
        if (value == null) {
            return "(missing)";
        }
        StringBuilder out = new StringBuilder("'");
        int limit = Math.min(value.length(), SHOWN);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (value.length() > SHOWN) {
            out.append("…");
        }
        return out.append('\'').toString();
    }
}
