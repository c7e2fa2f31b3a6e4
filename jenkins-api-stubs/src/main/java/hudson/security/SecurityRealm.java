package hudson.security;

import hudson.ExtensionPoint;
import jenkins.model.IdStrategy;

/** Stub of {@code hudson.security.SecurityRealm}: the id strategies approvals compare users and groups with. */
public abstract class SecurityRealm implements ExtensionPoint {
    public IdStrategy getUserIdStrategy() {
        throw new UnsupportedOperationException("stub");
    }

    public IdStrategy getGroupIdStrategy() {
        throw new UnsupportedOperationException("stub");
    }
}
