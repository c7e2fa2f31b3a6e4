package com.cloudbees.plugins.credentials.common;

/** Stub of {@code com.cloudbees.plugins.credentials.common.UsernamePasswordCredentials}. */
public interface UsernamePasswordCredentials extends UsernameCredentials, PasswordCredentials {
}
