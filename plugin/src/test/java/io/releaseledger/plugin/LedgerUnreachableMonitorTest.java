package io.releaseledger.plugin;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerConfig;
import io.releaseledger.ledger.PasswordSource;
import org.junit.Test;

public class LedgerUnreachableMonitorTest {
    @Test
    public void theMessageNamesTheStoreAndTheCause() {
        String message = LedgerUnreachableMonitor.message(
                new PluginLedger.Failure("jdbc:postgresql://db.example.com:5432/release_ledger", "Connection refused"));
        assertTrue(message, message.startsWith("Release Ledger cannot reach its ledger (jdbc:postgresql://db.example.com:5432/release_ledger): Connection refused."));
        assertTrue(message, message.contains("Manage Jenkins → System → Release Ledger"));
        assertNull("inactive when the ledger is fine", LedgerUnreachableMonitor.message(null));
    }

    /** A real PostgreSQL store that refuses connections: the monitor shows its URL and cause, never the password. */
    @Test
    public void aRealFailureToOpenShowsNoPassword() {
        LedgerConfig config = LedgerConfig.postgres("jdbc:postgresql://127.0.0.1:1/release_ledger?connectTimeout=2", "ledger",
                new PasswordSource.Supplied("Jenkins credential ledger-db", () -> "s3cret-Pa55"));
        RuntimeException e = assertThrows(RuntimeException.class, () -> Ledger.open(config).close());
        PluginLedger.failed(config.storeName(), e);
        try {
            String message = LedgerUnreachableMonitor.message(PluginLedger.failure());
            assertTrue(message, message.contains("jdbc:postgresql://127.0.0.1:1/release_ledger"));
            assertFalse(message, message.contains("s3cret-Pa55"));
            assertFalse("settings are left out of the store's name", message.contains("connectTimeout=2)"));
        } finally {
            PluginLedger.close();
        }
    }
}
