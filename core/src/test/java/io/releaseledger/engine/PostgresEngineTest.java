package io.releaseledger.engine;

import io.releaseledger.testing.TestStore;

public class PostgresEngineTest extends EngineContract {
    @Override
    protected TestStore newStore() {
        return TestStore.postgres();
    }
}
