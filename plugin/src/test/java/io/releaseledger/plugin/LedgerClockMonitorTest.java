package io.releaseledger.plugin;

import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.releaseledger.ledger.ClockSkew;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.testing.TestStore;
import io.releaseledger.testing.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.Test;

public class LedgerClockMonitorTest {
    @Test
    public void quietWhileTheClocksAgree() {
        assertNull(LedgerClockMonitor.message(null));
        assertNull(LedgerClockMonitor.message(new ClockSkew(Duration.ofSeconds(4), Duration.ZERO, "jdbc:h2:file:/x")));
        assertNull("within the measurement's uncertainty",
                LedgerClockMonitor.message(new ClockSkew(Duration.ofSeconds(6), Duration.ofSeconds(2), "jdbc:h2:file:/x")));
    }

    /** A real measurement against a ledger whose clock (a test's, in the database's place) is a day behind. */
    @Test
    public void namesHowFarAndWhichWayAndTheStore() throws Exception {
        try (TestStore store = TestStore.h2();
             Ledger ledger = Ledger.open(store.config(), new VirtualClock(Instant.now().minus(Duration.ofDays(1))))) {
            String message = LedgerClockMonitor.message(ledger.measureClockSkew());
            assertTrue(message, message.startsWith("Release Ledger: this machine's clock is 864"));
            assertTrue(message, message.contains(" s ahead of the ledger database's (" + ledger.store() + ")"));
            assertTrue(message, message.contains("fix the clock"));
        }
    }
}
