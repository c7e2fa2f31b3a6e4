package io.releaseledger.plugin.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Run;
import io.releaseledger.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Credentials as a build sees them: {@code CredentialsProvider.findCredentialById(id, type, run)} (the build's
 * authentication and its folders' stores) and {@code track} (the credential's usage records this build).
 */
@Restricted(NoExternalUse.class) // public for the plugin's other packages, not an API
public final class JenkinsCredentials implements ResolvedCredential.Source {
    private final Run<?, ?> run;

    public JenkinsCredentials(Run<?, ?> run) {
        this.run = run;
    }

    @Override
    public ResolvedCredential find(String credentialsId) throws IOException {
        StandardCredentials c = CredentialsProvider.findCredentialById(credentialsId, StandardCredentials.class, run);
        if (c == null) {
            throw new InvalidInputException("credentialsId", credentialsId, "no credential with this id is available to"
                    + " this build; add it under Manage Jenkins → Credentials (or the job's folder) and check the id");
        }
        CredentialsProvider.track(run, c);
        if (c instanceof StringCredentials s) {
            return new ResolvedCredential.SecretText(s.getSecret().getPlainText());
        }
        if (c instanceof StandardUsernamePasswordCredentials u) {
            return new ResolvedCredential.UsernamePassword(u.getUsername(), u.getPassword().getPlainText());
        }
        if (c instanceof FileCredentials f) {
            try (InputStream in = f.getContent()) {
                return new ResolvedCredential.SecretFile(f.getFileName(), in.readAllBytes());
            }
        }
        throw new InvalidInputException("credentialsId", credentialsId, "it is a " + c.getClass().getSimpleName()
                + "; use a secret text, username with password, or secret file credential");
    }
}
