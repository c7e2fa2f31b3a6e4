package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import jenkins.util.NonLocalizable;

/**
 * Stub of {@code hudson.model.Item}. {@link #BUILD} is a real object so the plugin's permission checks can be
 * exercised in unit tests; its group and id differ from Jenkins' ({@code hudson.model.Item.Build}).
 */
public interface Item extends AccessControlled {
    Permission BUILD = new Permission(new PermissionGroup(Item.class, new NonLocalizable("Job")), "Build", null, null,
            PermissionScope.JENKINS);
}
