package com.cloudbees.plugins.credentials;

import hudson.model.Describable;
import hudson.model.Descriptor;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.model.ItemGroup;
import hudson.model.Run;
import java.util.List;
import org.springframework.security.core.Authentication;

/** Stub of {@code com.cloudbees.plugins.credentials.CredentialsProvider}: the lookups the plugin uses. */
public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements Describable<CredentialsProvider> {
    private CredentialsProvider() {
        throw new UnsupportedOperationException("stub");
    }

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run) {
        throw new UnsupportedOperationException("stub");
    }

    public static <C extends Credentials> C track(Run run, C credentials) {
        throw new UnsupportedOperationException("stub");
    }

    public static <C extends Credentials> List<C> lookupCredentialsInItemGroup(Class<C> type, ItemGroup itemGroup,
            Authentication authentication) {
        throw new UnsupportedOperationException("stub");
    }
}
