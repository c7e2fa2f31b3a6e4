package hudson.security;

import org.springframework.security.core.Authentication;

/** Stub of {@code hudson.security.ACL}: the system identity used for controller-side lookups. */
public abstract class ACL {
    /** Never dereferenced by the plugin outside Jenkins; {@code null} here. */
    public static final Authentication SYSTEM2 = null;
}
