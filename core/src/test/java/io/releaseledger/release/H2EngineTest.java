package io.releaseledger.release;

import io.releaseledger.testing.TestStore;

public class H2EngineTest extends EngineContract {
    @Override
    protected TestStore newStore() {
        return TestStore.h2();
    }
}
