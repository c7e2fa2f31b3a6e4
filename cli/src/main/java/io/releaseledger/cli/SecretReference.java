package io.releaseledger.cli;

import io.releaseledger.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the command-line tool reads a secret from: {@code env:NAME} (an environment variable) or
 * {@code file:PATH} (a file, e.g. a mounted secret; one trailing newline is dropped). Nothing else: a
 * secret's value never appears on a command line or in {@code release-ledger.yaml}, only where it lives.
 *
 * <p>Errors never repeat the text they refuse: a malformed reference is most often a pasted secret.
 */
public record SecretReference(Kind kind, String target) {

    /** Where the secret lives. */
    public enum Kind { ENV, FILE }

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    static final String FIX = "give env:NAME (an environment variable holding the secret) or file:/path (a file"
            + " holding it); never the secret itself";

    /**
     * Parses a reference typed in {@code field} (an option or a config key).
     *
     * @throws InvalidInputException naming the field, never the value
     */
    public static SecretReference parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw InvalidInputException.withoutValue(field, "it is empty; " + FIX);
        }
        if (text.startsWith("env:")) {
            String name = text.substring(4);
            if (!VARIABLE.matcher(name).matches()) {
                // "env:TOKEN=abc123" is a value given inline: refuse it without showing it.
                throw InvalidInputException.withoutValue(field, "after env: comes the name of an environment variable"
                        + " (letters, digits and _), not a value; export the secret as a variable and write env:NAME");
            }
            return new SecretReference(Kind.ENV, name);
        }
        if (text.startsWith("file:")) {
            String path = text.substring(5);
            if (path.isBlank()) {
                throw InvalidInputException.withoutValue(field, "file: must be followed by a path, e.g. file:/run/secrets/token");
            }
            return new SecretReference(Kind.FILE, path);
        }
        throw InvalidInputException.withoutValue(field, "it is not a secret reference; " + FIX);
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
