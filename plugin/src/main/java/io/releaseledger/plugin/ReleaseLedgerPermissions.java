package io.releaseledger.plugin;

import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import jenkins.model.Jenkins;
import jenkins.util.NonLocalizable;

/**
 * The "Release Ledger" permission group shown in matrix-based security. The ids are
 * {@code io.releaseledger.plugin.ReleaseLedgerPermissions.View} etc.: authorization strategies store them,
 * so this class must never be renamed or moved.
 */
public final class ReleaseLedgerPermissions {
    private ReleaseLedgerPermissions() {}

    public static final PermissionGroup GROUP =
            new PermissionGroup(ReleaseLedgerPermissions.class, new NonLocalizable("Release Ledger"));

    /** See the Releases pages and JSON. Everyone who may read Jenkins may, as the design promises. */
    public static final Permission VIEW = new Permission(GROUP, "View",
            new NonLocalizable("See environments, releases, approvals and the audit trail."),
            Jenkins.READ, PermissionScope.JENKINS);

    /** Approve or reject releases waiting in an approval gate (the environment's approver list still applies). */
    public static final Permission APPROVE = new Permission(GROUP, "Approve",
            new NonLocalizable("Approve or reject releases waiting for approval, where the environment lists the user."),
            Jenkins.ADMINISTER, PermissionScope.JENKINS);

    /** Roll an environment back to a known-good release from its page (Item/Build on the deploying job is needed too). */
    public static final Permission ROLLBACK = new Permission(GROUP, "Rollback",
            new NonLocalizable("Roll an environment back to a release that was live there before."),
            Jenkins.ADMINISTER, PermissionScope.JENKINS);

    /** Change environments, their policies and bindings, and the ledger store. */
    public static final Permission CONFIGURE = new Permission(GROUP, "Configure",
            new NonLocalizable("Configure environments, their policies and credential bindings, and the ledger store."),
            Jenkins.ADMINISTER, PermissionScope.JENKINS);
}
