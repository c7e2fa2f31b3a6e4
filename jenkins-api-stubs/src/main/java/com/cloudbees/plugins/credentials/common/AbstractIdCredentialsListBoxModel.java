package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import hudson.model.ItemGroup;
import hudson.util.ListBoxModel;
import java.util.List;
import org.springframework.security.core.Authentication;

/** Stub of {@code com.cloudbees.plugins.credentials.common.AbstractIdCredentialsListBoxModel}. */
public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>,
        C extends IdCredentials> extends ListBoxModel {
    private static final long serialVersionUID = 1L;

    public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
        throw new UnsupportedOperationException("stub");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(String value) {
        throw new UnsupportedOperationException("stub");
    }

    /** The real one takes {@code List<DomainRequirement>}; only the erasure is checked, and the plugin passes none. */
    public AbstractIdCredentialsListBoxModel<T, C> includeMatchingAs(Authentication authentication, ItemGroup context,
            Class<? extends C> type, List<?> domainRequirements, CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("stub");
    }
}
