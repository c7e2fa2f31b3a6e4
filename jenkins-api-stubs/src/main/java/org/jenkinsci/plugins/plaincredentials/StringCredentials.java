package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.util.Secret;

/** Stub of {@code org.jenkinsci.plugins.plaincredentials.StringCredentials} (plain-credentials): secret text. */
public interface StringCredentials extends StandardCredentials {
    Secret getSecret();
}
