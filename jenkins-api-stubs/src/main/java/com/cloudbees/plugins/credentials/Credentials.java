package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** Stub of {@code com.cloudbees.plugins.credentials.Credentials}. */
public interface Credentials extends Serializable {
}
