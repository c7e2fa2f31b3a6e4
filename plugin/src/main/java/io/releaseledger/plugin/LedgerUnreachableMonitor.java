package io.releaseledger.plugin;

import hudson.Extension;
import hudson.model.AdministrativeMonitor;

/**
 * Tells administrators, on every page, when the ledger cannot be reached: which store and why. The cause is
 * core's message, which names the store by its URL without settings and never holds a password.
 */
@Extension
public final class LedgerUnreachableMonitor extends AdministrativeMonitor {
    public LedgerUnreachableMonitor() {
        super("io.releaseledger.plugin.LedgerUnreachableMonitor");
    }

    @Override
    public String getDisplayName() {
        return Messages.LedgerUnreachableMonitor_DisplayName();
    }

    @Override
    public boolean isActivated() {
        return PluginLedger.failure() != null;
    }

    /** The text shown (escaped by the Jelly view); {@code null} when the ledger is fine. */
    public String getMessage() {
        return message(PluginLedger.failure());
    }

    static String message(PluginLedger.Failure failure) {
        if (failure == null) return null;
        return Messages.LedgerUnreachableMonitor_Message(failure.store(), failure.cause());
    }
}
