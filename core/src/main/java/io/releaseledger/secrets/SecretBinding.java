package io.releaseledger.secrets;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Binds a secret to an environment variable of the deploy body: the variable's name and a reference
 * to where the secret comes from (a credentials id, an environment variable, a file path).
 *
 * <p>A binding never holds the secret itself, so it may be stored, logged and shown freely.
 *
 * @param variable  the environment variable the deploy body receives the secret in,
 *                  {@code [A-Za-z_][A-Za-z0-9_]*}, at most {@value #MAX_VARIABLE_LENGTH} characters
 * @param reference where the secret is looked up; not blank
 */
public record SecretBinding(String variable, String reference) {

    /** The longest variable name accepted; longer names are nearly always a pasted value, not a name. */
    static final int MAX_VARIABLE_LENGTH = 128;

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * @throws IllegalArgumentException naming the field and the fix when a field is missing or malformed
     */
    public SecretBinding {
        if (variable == null || variable.isEmpty()) {
            throw new IllegalArgumentException(
                    "variable is missing: give the name of the environment variable that receives the secret,"
                            + " for example API_TOKEN");
        }
        if (variable.length() > MAX_VARIABLE_LENGTH) {
            // Do not echo it: an over-long "name" is often a secret pasted into the wrong field.
            throw new IllegalArgumentException("variable is " + variable.length() + " characters long; use a name of at most "
                    + MAX_VARIABLE_LENGTH + " characters such as API_TOKEN");
        }
        if (!VARIABLE.matcher(variable).matches()) {
            throw new IllegalArgumentException("variable '" + variable + "' is not a valid environment variable name;"
                    + " use letters, digits and underscores, not starting with a digit, for example API_TOKEN");
        }
        Objects.requireNonNull(reference, () -> "reference is missing for variable " + variable
                + ": give the credentials id, environment variable or file the secret is read from");
        if (reference.isBlank()) {
            throw new IllegalArgumentException("reference is blank for variable " + variable
                    + ": give the credentials id, environment variable or file the secret is read from");
        }
    }
}
