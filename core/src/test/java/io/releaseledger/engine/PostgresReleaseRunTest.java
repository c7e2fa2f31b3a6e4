package io.releaseledger.engine;

import io.releaseledger.testing.TestStore;

public class PostgresReleaseRunTest extends ReleaseRunContract {
    @Override
    protected TestStore newStore() {
        return TestStore.postgres();
    }
}
