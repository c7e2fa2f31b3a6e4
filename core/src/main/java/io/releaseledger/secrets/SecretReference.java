package io.releaseledger.secrets;

import io.releaseledger.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the command-line tool reads a secret from: {@code env:NAME} (an environment variable) or
 * {@code file:PATH} (a file, e.g. a mounted secret; one trailing newline is dropped). Nothing else: a
 * secret's value never appears on a command line or in {@code release-ledger.yaml}, only where it lives.
 *
 * <p>This is the one place the syntax is checked: options, credential bindings and the config file's
 * webhook entries all go through {@link #problem} or {@link #parse}.
 *
 * <p>Errors never repeat the text they refuse: a malformed reference is most often a pasted secret.
 */
public record SecretReference(Kind kind, String target) {

    /** Where the secret lives. */
    public enum Kind { ENV, FILE }

    /** What a reference may be, in words, for error messages. */
    public static final String ALLOWED = "env:NAME (an environment variable holding the secret) or file:/path (a file"
            + " holding it); never the secret itself";

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final String FIX = "give " + ALLOWED;

    /** A malformed reference: what is wrong, and how to fix it; neither quotes the text. */
    private record Problem(String what, String fix) {}

    /**
     * What is wrong with {@code text} as a reference, in words that never quote it (e.g. {@code "is not a
     * secret reference"}); empty when it is a valid one.
     */
    public static Optional<String> problem(String text) {
        return check(text).map(Problem::what);
    }

    /**
     * Parses a reference typed in {@code field} (an option or a config key).
     *
     * @throws InvalidInputException naming the field, never the value
     */
    public static SecretReference parse(String field, String text) {
        Optional<Problem> problem = check(text);
        if (problem.isPresent()) {
            throw InvalidInputException.withoutValue(field, problem.get().what() + "; " + problem.get().fix());
        }
        return text.startsWith("env:") ? new SecretReference(Kind.ENV, text.substring(4))
                : new SecretReference(Kind.FILE, text.substring(5));
    }

    private static Optional<Problem> check(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(new Problem("it is empty", FIX));
        }
        if (text.startsWith("env:")) {
            // "env:TOKEN=abc123" is a value given inline: refuse it without showing it.
            return VARIABLE.matcher(text.substring(4)).matches() ? Optional.empty()
                    : Optional.of(new Problem("after env: comes the name of an environment variable (letters, digits"
                            + " and _), not a value", "export the secret as a variable and write env:NAME"));
        }
        if (text.startsWith("file:")) {
            return text.substring(5).isBlank()
                    ? Optional.of(new Problem("file: must be followed by a path", "e.g. file:/run/secrets/token"))
                    : Optional.empty();
        }
        return Optional.of(new Problem("it is not a secret reference", FIX));
    }

    /**
     * Reads the secret now.
     *
     * @throws InvalidInputException when the variable is unset or empty, or the file unreadable
     */
    public String read(String field, Map<String, String> environment) {
        if (kind == Kind.ENV) {
            String value = environment.get(target);
            if (value == null || value.isEmpty()) {
                throw InvalidInputException.withoutValue(field, "environment variable " + target
                        + " is not set; export it before running release-ledger");
            }
            return value;
        }
        try {
            String value = Files.readString(Path.of(target), StandardCharsets.UTF_8);
            value = value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
            if (value.isEmpty()) {
                throw InvalidInputException.withoutValue(field, "file " + target + " is empty; write the secret into it");
            }
            return value;
        } catch (IOException e) {
            throw InvalidInputException.withoutValue(field, "cannot read file " + target + " ("
                    + e.getClass().getSimpleName() + "); check the path and its permissions");
        }
    }

    @Override
    public String toString() {
        return (kind == Kind.ENV ? "env:" : "file:") + target;
    }
}
