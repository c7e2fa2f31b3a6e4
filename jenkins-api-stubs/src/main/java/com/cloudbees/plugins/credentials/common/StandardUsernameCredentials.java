package com.cloudbees.plugins.credentials.common;

/** Stub of {@code com.cloudbees.plugins.credentials.common.StandardUsernameCredentials}. */
public interface StandardUsernameCredentials extends StandardCredentials, UsernameCredentials {
}
