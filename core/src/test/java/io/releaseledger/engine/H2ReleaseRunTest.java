package io.releaseledger.engine;

import io.releaseledger.testing.TestStore;

public class H2ReleaseRunTest extends ReleaseRunContract {
    @Override
    protected TestStore newStore() {
        return TestStore.h2();
    }
}
