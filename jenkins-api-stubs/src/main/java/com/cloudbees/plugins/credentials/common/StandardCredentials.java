package com.cloudbees.plugins.credentials.common;

/** Stub of {@code com.cloudbees.plugins.credentials.common.StandardCredentials}. */
public interface StandardCredentials extends IdCredentials {
}
