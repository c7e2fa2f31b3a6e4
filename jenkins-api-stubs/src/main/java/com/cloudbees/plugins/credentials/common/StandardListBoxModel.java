package com.cloudbees.plugins.credentials.common;

/** Stub of {@code com.cloudbees.plugins.credentials.common.StandardListBoxModel}. */
public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {
    private static final long serialVersionUID = 1L;

    public StandardListBoxModel() {
        throw new UnsupportedOperationException("stub");
    }
}
