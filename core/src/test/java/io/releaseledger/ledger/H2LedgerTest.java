package io.releaseledger.ledger;

import io.releaseledger.testing.TestStore;
/** The ledger suite on the embedded H2 store. */
public class H2LedgerTest extends LedgerContract {
    @Override
    protected TestStore newStore() {
        return TestStore.h2();
    }
}
