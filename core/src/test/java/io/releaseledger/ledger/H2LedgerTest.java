package io.releaseledger.ledger;

/** The ledger suite on the embedded H2 store. */
public class H2LedgerTest extends LedgerContract {
    @Override
    protected TestStore newStore() {
        return TestStore.h2();
    }
}
