package io.releaseledger.environment;

import java.util.regex.Pattern;

/** Validation shared by the policy records; every failure is an {@link InvalidPolicyException}. */
final class Checks {
    static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final String ENVIRONMENT_NAME_ALLOWED =
            "1 to 64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit (no accents: names go into"
                    + " URLs, variables and shell commands)";

    private Checks() {}

    static String environmentName(String field, String name) {
        if (name == null || !ENVIRONMENT_NAME.matcher(name).matches()) {
            throw new InvalidPolicyException(field, name, ENVIRONMENT_NAME_ALLOWED);
        }
        return name;
    }

    static String nonBlank(String field, String value, String allowed) {
        if (value == null || value.isBlank()) throw new InvalidPolicyException(field, value, allowed);
        return value;
    }

    static <T> T present(String field, T value, String allowed) {
        if (value == null) throw new InvalidPolicyException(field, null, allowed);
        return value;
    }
}
