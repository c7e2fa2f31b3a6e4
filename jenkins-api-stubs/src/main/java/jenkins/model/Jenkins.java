package jenkins.model;

import hudson.model.AbstractCIBase;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import java.io.File;
import jenkins.util.NonLocalizable;

/**
 * Stub of {@code jenkins.model.Jenkins}. The permission constants are real objects so that the plugin's
 * own permissions, which name them as {@code impliedBy}, can be built in unit tests; their ids differ
 * from Jenkins' ({@code hudson.model.Hudson.Administer}), and no test may rely on them.
 */
public class Jenkins extends AbstractCIBase implements AccessControlled {
    private static final PermissionGroup OVERALL = new PermissionGroup(Jenkins.class, new NonLocalizable("Overall"));

    public static final Permission ADMINISTER = new Permission(OVERALL, "Administer", null, null, PermissionScope.JENKINS);

    public static final Permission READ = new Permission(OVERALL, "Read", null, null, PermissionScope.JENKINS);

    private Jenkins() {
        throw new UnsupportedOperationException("stub");
    }

    public static Jenkins get() {
        throw new UnsupportedOperationException("stub");
    }

    public static org.springframework.security.core.Authentication getAuthentication2() {
        throw new UnsupportedOperationException("stub");
    }

    public hudson.security.SecurityRealm getSecurityRealm() {
        throw new UnsupportedOperationException("stub");
    }

    /** As the real one: {@code null} when there is no such item or the caller may not see it. */
    public @edu.umd.cs.findbugs.annotations.CheckForNull <T extends hudson.model.Item> T getItemByFullName(String fullName,
            Class<T> type)
            throws org.springframework.security.access.AccessDeniedException {
        throw new UnsupportedOperationException("stub");
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("stub");
    }

    public String getRootUrl() throws IllegalStateException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("stub");
    }
}
