package com.cloudbees.plugins.credentials.common;

/** Stub of {@code com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials}. */
public interface StandardUsernamePasswordCredentials extends StandardUsernameCredentials, UsernamePasswordCredentials {
}
