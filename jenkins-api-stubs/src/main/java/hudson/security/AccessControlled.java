package hudson.security;

import org.springframework.security.access.AccessDeniedException;

/** Stub of {@code hudson.security.AccessControlled}. */
public interface AccessControlled {
    ACL getACL();

    default void checkPermission(Permission permission) throws AccessDeniedException {
        throw new UnsupportedOperationException("stub");
    }

    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException("stub");
    }
}
