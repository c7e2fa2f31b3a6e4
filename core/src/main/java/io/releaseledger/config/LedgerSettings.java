package io.releaseledger.config;

import io.releaseledger.environment.InvalidPolicyException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the command-line tool finds the ledger: a JDBC URL, a user, and where to read the password
 * from — an environment variable or a file — never the password itself, so the config file can be
 * committed and shared.
 *
 * @param url the JDBC URL, e.g. {@code jdbc:postgresql://ledger.example.com/release_ledger}; must not contain a password
 * @param user the database user, or {@code null}
 * @param passwordEnv the environment variable holding the password, or {@code null}
 * @param passwordFile the file holding the password, or {@code null}; at most one of the two
 */
public record LedgerSettings(String url, String user, String passwordEnv, Path passwordFile) {
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("//[^/@?]*:[^/@?]*@");

    public LedgerSettings {
        if (url == null || !url.startsWith("jdbc:")) {
            throw new InvalidPolicyException("url", url, "a JDBC URL such as jdbc:postgresql://host:5432/release_ledger or jdbc:h2:/var/lib/release-ledger/ledger");
        }
        if (url.toLowerCase(Locale.ROOT).contains("password=") || USER_INFO_PASSWORD.matcher(url).find()) {
            // The URL is logged and shown; the value is not repeated here either.
            throw new InvalidPolicyException("url", "(hidden)", "the URL contains a password",
                    "a URL without a password; name where to read it with passwordEnv or passwordFile");
        }
        if (user != null && user.isBlank()) throw new InvalidPolicyException("user", user, "a database user name");
        if (passwordEnv != null && !VARIABLE.matcher(passwordEnv).matches()) {
            // Not echoed: a value that is not a variable name may well be the password itself.
            throw new InvalidPolicyException("passwordEnv", "(hidden)", "is not an environment variable name",
                    "the name of an environment variable, e.g. RELEASE_LEDGER_DB_PASSWORD");
        }
        if (passwordEnv != null && passwordFile != null) {
            throw new InvalidPolicyException("passwordFile", passwordFile.toString(), "passwordEnv is set as well",
                    "either passwordEnv or passwordFile, not both");
        }
    }

    /** Settings for a database that needs no password, e.g. a local embedded H2 file. */
    static LedgerSettings of(String url) {
        return new LedgerSettings(url, null, null, null);
    }
}
