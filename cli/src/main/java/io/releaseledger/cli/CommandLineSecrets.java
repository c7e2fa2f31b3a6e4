package io.releaseledger.cli;

import io.releaseledger.InvalidInputException;
import java.util.List;
import java.util.Locale;

/**
 * Refuses secrets typed on the command line, before anything is parsed: they would end up in shell
 * history, in {@code ps} output and in CI logs. The tool has no option that takes a secret's value;
 * an option that looks like one is refused with the fix rather than reported as merely unknown, so
 * nobody retries with the value in another spelling.
 */
final class CommandLineSecrets {
    private CommandLineSecrets() {}

    /** Option names (without leading dashes) that would carry a secret's value. */
    private static final List<String> SECRET_WORDS = List.of("secret", "password", "passwd", "token", "api-key",
            "apikey", "credential-value", "private-key");

    /**
     * Checks {@code args} up to {@code --} (what follows is the user's own deploy command).
     *
     * @throws InvalidInputException naming the option, never its value
     */
    static void refuseInline(String[] args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return;
            }
            if (!arg.startsWith("-")) {
                continue;
            }
            String name = arg.replaceFirst("^-+", "");
            int eq = name.indexOf('=');
            if (eq >= 0) {
                name = name.substring(0, eq);
            }
            String lower = name.toLowerCase(Locale.ROOT);
            for (String word : SECRET_WORDS) {
                if (lower.equals(word) || lower.endsWith("-" + word)) {
                    throw InvalidInputException.withoutValue("--" + name, "secrets are never accepted on the command"
                            + " line (shell history, process lists and logs keep them); put the secret in an environment"
                            + " variable or a file, and name it in release-ledger.yaml or a check option as env:NAME"
                            + " or file:/path");
                }
            }
        }
    }
}
