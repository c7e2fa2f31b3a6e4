package io.releaseledger.plugin;

import hudson.Extension;
import hudson.model.AdministrativeMonitor;
import io.releaseledger.ledger.ClockSkew;

/**
 * Tells administrators, on every page, when this controller's clock is far from the ledger database's. Leases and
 * the ledger's times follow the database, so nothing overlaps; but the steps' schedules (approval timeouts, freeze
 * windows, probe rounds, health sample times) follow this controller's clock. Measured when the ledger opens and
 * every ten minutes after ({@link LedgerLifecycle}); the text is core's.
 */
@Extension
public final class LedgerClockMonitor extends AdministrativeMonitor {
    public LedgerClockMonitor() {
        super("io.releaseledger.plugin.LedgerClockMonitor");
    }

    @Override
    public String getDisplayName() {
        return Messages.LedgerClockMonitor_DisplayName();
    }

    @Override
    public boolean isActivated() {
        return message(PluginLedger.clockSkew()) != null;
    }

    /** The text shown (escaped by the Jelly view); {@code null} while the clocks agree. */
    public String getMessage() {
        return message(PluginLedger.clockSkew());
    }

    static String message(ClockSkew skew) {
        if (skew == null || !skew.exceeds(ClockSkew.WARN_ABOVE)) return null;
        return Messages.LedgerClockMonitor_Message(skew.describe());
    }
}
