package io.releaseledger.ledger;

import io.releaseledger.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the database password comes from. Never a literal in a URL or config file: an environment
 * variable, a file (e.g. a mounted secret), or — in Jenkins — a credential supplied at open time.
 */
public sealed interface PasswordSource {

    /** The password, read now; {@code null} for {@link None}. */
    String read();

    /** Where it comes from, for messages; never the value. */
    String describe();

    /** No password (H2 embedded, or trust/peer authentication). */
    record None() implements PasswordSource {
        @Override
        public String read() {
            return null;
        }

        @Override
        public String describe() {
            return "no password";
        }
    }

    /** An environment variable. */
    record FromEnvironment(String variable, Map<String, String> environment) implements PasswordSource {
        public FromEnvironment(String variable) {
            this(variable, System.getenv());
        }

        @Override
        public String read() {
            String value = environment.get(variable);
            if (value == null || value.isEmpty()) {
                throw InvalidInputException.withoutValue("passwordEnv",
                        "environment variable " + variable + " is not set; export it before starting");
            }
            return value;
        }

        @Override
        public String describe() {
            return "environment variable " + variable;
        }
    }

    /** A file holding the password; one trailing newline is ignored. */
    record FromFile(Path file) implements PasswordSource {
        @Override
        public String read() {
            try {
                String value = Files.readString(file, StandardCharsets.UTF_8);
                return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
            } catch (IOException e) {
                throw InvalidInputException.withoutValue("passwordFile",
                        "cannot read " + file + " (" + e.getMessage() + "); check the path and its permissions");
            }
        }

        @Override
        public String describe() {
            return "file " + file;
        }
    }

    /** Supplied by the host, e.g. a Jenkins credential looked up when the ledger opens. */
    record Supplied(String description, Supplier<String> supplier) implements PasswordSource {
        @Override
        public String read() {
            return supplier.get();
        }

        @Override
        public String describe() {
            return description;
        }

        @Override
        public String toString() {
            return "Supplied[" + description + "]";
        }
    }
}
