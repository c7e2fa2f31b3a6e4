package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import java.io.IOException;
import java.io.InputStream;

/** Stub of {@code org.jenkinsci.plugins.plaincredentials.FileCredentials} (plain-credentials): a secret file. */
public interface FileCredentials extends StandardCredentials {
    String getFileName();

    InputStream getContent() throws IOException;
}
