package io.releaseledger.plugin;

import io.releaseledger.engine.ReleaseEngine;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.health.HealthProbeRunner;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.notify.Notifier;

/** Core's engine as the pages and {@code approvalGate} use it: decisions and approval requests, never probes. */
final class PluginEngine {
    private PluginEngine() {}

    /** Probing belongs to {@code deployRelease}/{@code verifyHealth}; an engine made here must never probe. */
    private static final HealthProbeRunner NO_PROBES = check -> {
        throw new IllegalStateException("this engine records approvals only; it does not verify health");
    };

    static ReleaseEngine forDecisions(Ledger ledger, EnvironmentConfig environments) {
        return forDecisions(ledger, environments, n -> { });
    }

    /** An engine that announces what it records, e.g. an approval requested, through {@code notifier}. */
    static ReleaseEngine forDecisions(Ledger ledger, EnvironmentConfig environments, Notifier notifier) {
        return ReleaseEngine.builder(ledger, environments, NO_PROBES).notifier(notifier).build();
    }
}
