package io.releaseledger.health;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What an {@link HttpCheck} requires of the response body, beyond its status: either a regular
 * expression found somewhere in it, or a value at a JSON pointer.
 */
public sealed interface BodyExpectation permits BodyExpectation.Matches, BodyExpectation.JsonPointerEquals {

    /** The body must contain a match of {@code regex} (searched, not anchored). */
    static BodyExpectation matches(String regex) {
        return new Matches(regex);
    }

    /** The JSON body must hold {@code expected} at {@code pointer}, e.g. {@code /status} equals {@code UP}. */
    static BodyExpectation jsonPointer(String pointer, String expected) {
        return new JsonPointerEquals(pointer, expected);
    }

    /**
     * A regular expression that must be found in the body.
     *
     * @param regex Java regular expression syntax
     */
    record Matches(String regex) implements BodyExpectation {
        /** Compiles the expression once so a typo fails at configuration time. */
        public Matches {
            if (regex == null || regex.isEmpty()) {
                throw new InvalidHealthCheckException("bodyMatches", regex, "give a regular expression, e.g. \"\\\"status\\\"\\s*:\\s*\\\"UP\\\"\"");
            }
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new InvalidHealthCheckException("bodyMatches", regex,
                        "not a valid Java regular expression (" + e.getDescription() + " near index " + e.getIndex() + ")");
            }
        }

        Pattern pattern() {
            return Pattern.compile(regex);
        }
    }

    /**
     * A value the JSON body must hold. Strings compare by their text, numbers numerically
     * ({@code 1} equals {@code 1.0}), booleans and null by their JSON spelling.
     *
     * @param pointer  an RFC 6901 JSON pointer: empty for the whole document, else {@code /}-separated
     *                 tokens with {@code ~0} for {@code ~} and {@code ~1} for {@code /}
     * @param expected the value as text, e.g. {@code UP}, {@code 3}, {@code true}
     */
    record JsonPointerEquals(String pointer, String expected) implements BodyExpectation {
        /** Validates the pointer's syntax. */
        public JsonPointerEquals {
            Objects.requireNonNull(expected, "expected");
            String problem = syntaxProblem(pointer);
            if (problem != null) {
                throw new InvalidHealthCheckException("jsonPointer", pointer, problem + "; write e.g. /status or /components/db/status");
            }
        }

        /**
         * Null when {@code pointer} is well formed, else what is wrong with it. Checked here because Jackson's
         * {@code JsonPointer}, which evaluates it, would take a stray {@code ~} literally rather than refuse it.
         */
        private static String syntaxProblem(String pointer) {
            if (pointer == null) return "a pointer is required";
            if (pointer.isEmpty()) return null;
            if (pointer.charAt(0) != '/') return "a JSON pointer starts with '/'";
            for (int k = 0; k < pointer.length(); k++) {
                if (pointer.charAt(k) == '~') {
                    char n = k + 1 < pointer.length() ? pointer.charAt(k + 1) : '\0';
                    if (n != '0' && n != '1') return "'~' must be followed by 0 (for ~) or 1 (for /)";
                }
            }
            return null;
        }
    }
}
