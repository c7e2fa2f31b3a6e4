package io.releaseledger.plugin;

import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.notify.Notifier;
import io.releaseledger.engine.ReleaseApprovals;
import java.time.Clock;

/** Core's approvals as the pages and {@code approvalGate} use them: requests, decisions and their status. */
final class PluginApprovals {
    private PluginApprovals() {}

    static ReleaseApprovals of(Ledger ledger, EnvironmentConfig environments) {
        return of(ledger, environments, n -> { });
    }

    /** Approvals that announce what they record, e.g. an approval requested, through {@code notifier}. */
    static ReleaseApprovals of(Ledger ledger, EnvironmentConfig environments, Notifier notifier) {
        return new ReleaseApprovals(ledger, environments, Clock.systemUTC(), notifier);
    }
}
