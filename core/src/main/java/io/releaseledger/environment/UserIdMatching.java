package io.releaseledger.environment;

import java.util.Locale;

/**
 * How user ids and group names are compared when deciding who may approve. Jenkins' default security
 * realms treat ids case-insensitively, so that is the default; a realm with case-sensitive ids (some
 * LDAP setups) should use {@link #CASE_SENSITIVE} so that "Alice" cannot pass as "alice".
 */
public enum UserIdMatching {
    CASE_INSENSITIVE,
    CASE_SENSITIVE;

    /** Whether {@code a} and {@code b} name the same user or group. */
    public boolean same(String a, String b) {
        return key(a).equals(key(b));
    }

    /** A form of {@code id} that is equal for ids this matching treats as the same. */
    public String key(String id) {
        return switch (this) {
            case CASE_INSENSITIVE -> id.toLowerCase(Locale.ROOT);
            case CASE_SENSITIVE -> id;
        };
    }
}
