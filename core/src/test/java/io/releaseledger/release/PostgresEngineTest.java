package io.releaseledger.release;

import io.releaseledger.testing.TestStore;

public class PostgresEngineTest extends EngineContract {
    @Override
    protected TestStore newStore() {
        return TestStore.postgres();
    }
}
