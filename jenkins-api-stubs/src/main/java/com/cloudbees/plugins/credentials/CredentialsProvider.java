package com.cloudbees.plugins.credentials;

import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.ItemGroup;
import java.util.List;
import org.springframework.security.core.Authentication;

/** Stub of {@code com.cloudbees.plugins.credentials.CredentialsProvider}: the lookups the plugin uses. */
public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements Describable<CredentialsProvider> {
    private CredentialsProvider() {
        throw new UnsupportedOperationException("stub");
    }

    public static <C extends Credentials> List<C> lookupCredentialsInItemGroup(Class<C> type, ItemGroup itemGroup,
            Authentication authentication) {
        throw new UnsupportedOperationException("stub");
    }
}
