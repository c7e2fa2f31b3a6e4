package io.releaseledger.health;

/**
 * How a probe authenticates, by reference: the secret itself is looked up through a
 * {@link SecretResolver} when the probe runs and is never held by the check, so checks can be
 * written to the ledger and logs as they are.
 */
public sealed interface HttpCredentials permits HttpCredentials.Bearer, HttpCredentials.Basic {

    /** {@code Authorization: Bearer <token>}, the token resolved from {@code tokenRef}. */
    static HttpCredentials bearer(String tokenRef) {
        return new Bearer(tokenRef);
    }

    /** {@code Authorization: Basic …} for {@code username}, the password resolved from {@code passwordRef}. */
    static HttpCredentials basic(String username, String passwordRef) {
        return new Basic(username, passwordRef);
    }

    /**
     * A bearer token.
     *
     * @param tokenRef reference to the token, e.g. a Jenkins credentials id
     */
    record Bearer(String tokenRef) implements HttpCredentials {
        /** Requires a reference. */
        public Bearer {
            requireReference("credentials.tokenRef", tokenRef);
        }
    }

    /**
     * HTTP basic authentication.
     *
     * @param username    sent as is; not a secret
     * @param passwordRef reference to the password
     */
    record Basic(String username, String passwordRef) implements HttpCredentials {
        /** Requires a username without {@code :} (RFC 7617) and a reference. */
        public Basic {
            if (username == null || username.isEmpty() || username.indexOf(':') >= 0) {
                throw new InvalidHealthCheckException("credentials.username", username,
                        "give a non-empty user name without ':' (basic authentication cannot carry one)");
            }
            requireReference("credentials.passwordRef", passwordRef);
        }
    }

    private static void requireReference(String field, String ref) {
        if (ref == null || ref.isBlank()) {
            throw new InvalidHealthCheckException(field, ref,
                    "give the reference of a stored secret (e.g. a credentials id), never the secret itself");
        }
    }
}
