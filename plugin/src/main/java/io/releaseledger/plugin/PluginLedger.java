package io.releaseledger.plugin;

import io.releaseledger.ledger.Ledger;

/**
 * The controller's one open {@link Ledger} (core wants one per JVM), opened on first use from
 * {@link ReleaseLedgerConfiguration} and reopened when the administrator points it at another store.
 * Starting it with Jenkins and closing it on shutdown (initializer, terminator) come with a later change.
 */
final class PluginLedger {
    private static Ledger ledger;
    private static String openedFor;

    private PluginLedger() {}

    static synchronized Ledger get() {
        ReleaseLedgerConfiguration configuration = ReleaseLedgerConfiguration.get();
        String key = configuration.storeKey();
        if (ledger == null || !key.equals(openedFor)) {
            close();
            ledger = Ledger.open(configuration.toLedgerConfig());
            openedFor = key;
        }
        return ledger;
    }

    static synchronized void close() {
        if (ledger != null) {
            ledger.close();
            ledger = null;
            openedFor = null;
        }
    }
}
