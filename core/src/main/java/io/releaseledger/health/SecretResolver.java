package io.releaseledger.health;

import io.releaseledger.Inputs;

/**
 * Port through which probes look up secrets by reference at the moment they need them (in Jenkins:
 * credentials, resolved with the build's authentication; in the CLI: environment or files).
 */
@FunctionalInterface
public interface SecretResolver {

    /**
     * Returns the secret named by {@code reference}. The caller wipes the array after use.
     *
     * @throws RuntimeException when the reference is unknown or not allowed; the message must name the
     *                          reference and must never contain a secret value
     */
    char[] resolve(String reference);

    /** A resolver that knows no secrets: for setups whose checks carry no credentials. */
    static SecretResolver none() {
        return reference -> {
            throw new IllegalArgumentException("no secrets are configured, so the reference "
                    + Inputs.quoted(reference) + " cannot be resolved");
        };
    }
}
