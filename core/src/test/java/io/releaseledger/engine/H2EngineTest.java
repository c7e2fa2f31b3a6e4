package io.releaseledger.engine;

import io.releaseledger.testing.TestStore;

public class H2EngineTest extends EngineContract {
    @Override
    protected TestStore newStore() {
        return TestStore.h2();
    }
}
