package io.releaseledger.ledger;

import io.releaseledger.testing.TestStore;
/** The ledger suite on a real PostgreSQL server; skipped, saying how to enable it, where none is configured. */
public class PostgresLedgerTest extends LedgerContract {
    @Override
    protected TestStore newStore() {
        return TestStore.postgres();
    }
}
