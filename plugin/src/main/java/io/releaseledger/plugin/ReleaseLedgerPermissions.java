package io.releaseledger.plugin;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import jenkins.model.Jenkins;

/**
 * The "Release Ledger" permission group shown in matrix-based security. The ids are
 * {@code io.releaseledger.plugin.ReleaseLedgerPermissions.View} etc.: authorization strategies store them,
 * so this class must never be renamed or moved. The group exists once this class is initialized, which
 * {@link #register()} makes happen at start-up, before anything looks permissions up by their title.
 */
public final class ReleaseLedgerPermissions {
    private ReleaseLedgerPermissions() {}

    /**
     * Registers the group and its permissions (calling any static method initializes the class, whose constants
     * register themselves) once plugins have started and before extensions are augmented, so before Jenkins reads
     * the security settings ({@code SYSTEM_CONFIG_LOADED}) and before Configuration as Code applies: its matrix-auth
     * support resolves {@code Release Ledger/Approve} by searching the registered groups' titles, and would drop an
     * entry of a group that no page has touched yet.
     */
    @Initializer(after = InitMilestone.PLUGINS_STARTED, before = InitMilestone.EXTENSIONS_AUGMENTED)
    public static void register() {
        // Nothing else to do: being called has initialized the class, and with it GROUP and the permissions.
    }

    public static final PermissionGroup GROUP =
            new PermissionGroup(ReleaseLedgerPermissions.class, Messages._ReleaseLedgerPermissions_GroupTitle());

    /** See the Releases pages and JSON. Everyone who may read Jenkins may, as the design promises. */
    public static final Permission VIEW = new Permission(GROUP, "View",
            Messages._ReleaseLedgerPermissions_ViewDescription(),
            Jenkins.READ, PermissionScope.JENKINS);

    /** Approve or reject releases waiting in an approval gate (the environment's approver list still applies). */
    public static final Permission APPROVE = new Permission(GROUP, "Approve",
            Messages._ReleaseLedgerPermissions_ApproveDescription(),
            Jenkins.ADMINISTER, PermissionScope.JENKINS);

    /** Roll an environment back to a known-good release from its page (Item/Build on the deploying job is needed too). */
    public static final Permission ROLLBACK = new Permission(GROUP, "Rollback",
            Messages._ReleaseLedgerPermissions_RollbackDescription(),
            Jenkins.ADMINISTER, PermissionScope.JENKINS);

    /** Change environments, their policies and bindings, and the ledger store. */
    public static final Permission CONFIGURE = new Permission(GROUP, "Configure",
            Messages._ReleaseLedgerPermissions_ConfigureDescription(),
            Jenkins.ADMINISTER, PermissionScope.JENKINS);
}
