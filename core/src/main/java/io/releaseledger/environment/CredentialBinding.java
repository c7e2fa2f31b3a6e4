package io.releaseledger.environment;

import java.util.regex.Pattern;

/**
 * Makes a secret available to the deploy body of one environment as a variable. Only the reference is
 * configured — a Jenkins credentials id, or for the CLI the name of a secret it can resolve — never the
 * secret itself.
 *
 * @param variable the environment variable name, e.g. {@code DB_PASSWORD}
 * @param credentialsId the reference to the secret, e.g. {@code staging-db-password}
 */
public record CredentialBinding(String variable, String credentialsId) {
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern REFERENCE = Pattern.compile("[^\\s]{1,256}");

    public CredentialBinding {
        if (variable == null || !VARIABLE.matcher(variable).matches()) {
            throw new InvalidPolicyException("credentials", variable,
                    "a variable name of letters, digits and '_', not starting with a digit, e.g. DB_PASSWORD");
        }
        if (variable.startsWith("RELEASE_")) {
            // RELEASE_* are set by the engine; a binding must not be able to shadow RELEASE_ARTIFACT_DIGEST.
            throw new InvalidPolicyException("credentials", variable,
                    InvalidPolicyException.quote(variable) + " is reserved: RELEASE_* variables are set by Release Ledger",
                    "any other variable name, e.g. DB_PASSWORD");
        }
        if (credentialsId == null || !REFERENCE.matcher(credentialsId).matches()) {
            throw new InvalidPolicyException("credentials." + variable, credentialsId,
                    "a credentials id (1 to 256 characters, no spaces) naming the secret, never the secret itself");
        }
    }
}
