package io.releaseledger.environment;

import io.releaseledger.InvalidInputException;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one error for a policy that cannot be accepted: it names the field, the value that was given and
 * what would be accepted, and, when the policy came from a file, the file and line to fix.
 *
 * <p>Values that could be secrets are never carried: the loader passes {@code "(hidden)"} instead.
 */
public class InvalidPolicyException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String value;
    private final String problem;
    private final String allowed;
    private final String file;
    private final int line;

    /**
     * A bad value.
     *
     * @param field the field path, e.g. {@code approval.required}
     * @param value the value as given ({@code null} when missing)
     * @param allowed what would be accepted, in words, e.g. {@code "a whole number, 0 or more"}
     */
    public InvalidPolicyException(String field, String value, String allowed) {
        this(field, value, value == null ? "is missing" : quote(value) + " is not valid", allowed, null, 0);
    }

    /**
     * A bad value with a specific account of what is wrong, e.g. {@code "unknown key \"aproval\""}.
     */
    public InvalidPolicyException(String field, String value, String problem, String allowed) {
        this(field, value, problem, allowed, null, 0);
    }

    InvalidPolicyException(String field, String value, String problem, String allowed, String file, int line) {
        super(field, message(field, problem, allowed, file, line));
        this.value = value;
        this.problem = Objects.requireNonNull(problem, "problem");
        this.allowed = Objects.requireNonNull(allowed, "allowed");
        this.file = file;
        this.line = line;
    }


    /** The rejected value as given; {@code null} when the field was missing. */
    String value() {
        return value;
    }

    /** What is wrong, in words. */
    String problem() {
        return problem;
    }

    /** What would be accepted, in words. */
    public String allowed() {
        return allowed;
    }

    /** The file the policy was read from, if it was read from one. */
    Optional<String> file() {
        return Optional.ofNullable(file);
    }

    /** The 1-based line in {@link #file()}, if known. */
    OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    /**
     * The same error located in a file: {@code prefix} is prepended to the field path (e.g.
     * {@code environments.production}); a line already set is kept because it is the more precise one.
     */
    public InvalidPolicyException locatedAt(String prefix, String file, int line) {
        String path = prefix == null || prefix.isEmpty() ? field() : prefix + "." + field();
        InvalidPolicyException located = copy(path, file, this.line > 0 ? this.line : line);
        located.setStackTrace(getStackTrace());
        return located;
    }

    /** Subclasses keep their type and extra data when located. */
    InvalidPolicyException copy(String path, String file, int line) {
        return new InvalidPolicyException(path, value, problem, allowed, file, line);
    }

    static String quote(String value) {
        return '"' + value + '"';
    }

    private static String message(String field, String problem, String allowed, String file, int line) {
        StringBuilder out = new StringBuilder();
        if (file != null) {
            out.append(file);
            if (line > 0) out.append(", line ").append(line);
            out.append(": ");
        }
        return out.append(field).append(": ").append(problem).append("; allowed: ").append(allowed).toString();
    }
}
