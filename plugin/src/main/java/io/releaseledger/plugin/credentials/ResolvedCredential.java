package io.releaseledger.plugin.credentials;

import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * A Jenkins credential's secret as the release steps use it, resolved with the build's authentication just
 * before use and never stored: not in the ledger, not in the execution's state.
 */
@Restricted(NoExternalUse.class) // public for the plugin's other packages, not an API
public sealed interface ResolvedCredential {

    /** The value a single variable (or a probe's bearer token / password) receives. */
    String primary();

    record SecretText(String secret) implements ResolvedCredential {
        public String primary() {
            return secret;
        }

        @Override
        public String toString() {
            return "secret text";
        }
    }

    record UsernamePassword(String username, String password) implements ResolvedCredential {
        public String primary() {
            return password;
        }

        @Override
        public String toString() {
            return "username/password for " + username;
        }
    }

    record SecretFile(String fileName, byte[] content) implements ResolvedCredential {
        public String primary() {
            throw new IllegalStateException("a secret file has no text value");
        }

        @Override
        public String toString() {
            return "secret file " + fileName;
        }
    }

    /** Looks credentials up by id for one build. */
    @FunctionalInterface
    interface Source {
        /**
         * @throws io.releaseledger.InvalidInputException naming the id when no usable credential has it
         */
        ResolvedCredential find(String credentialsId) throws java.io.IOException, InterruptedException;
    }
}
