package com.cloudbees.plugins.credentials;

/** Stub of {@code com.cloudbees.plugins.credentials.CredentialsMatchers}. */
public class CredentialsMatchers {
    private CredentialsMatchers() {
        throw new UnsupportedOperationException("stub");
    }

    public static CredentialsMatcher always() {
        throw new UnsupportedOperationException("stub");
    }

    public static CredentialsMatcher withId(String id) {
        throw new UnsupportedOperationException("stub");
    }

    public static <C extends Credentials> C firstOrNull(Iterable<C> credentials, CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("stub");
    }
}
