package io.releaseledger.cli;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * Where the CLI's process tests that run on both stores start: a folder whose release-ledger.yaml names the store under
 * test (the embedded H2 ledger, or the PostgreSQL of {@code RELEASE_LEDGER_TEST_PG_*}) and the test's environments,
 * with {@code app 1.0} registered from {@code app.jar}. Each subclass runs once per store.
 */
@RunWith(Parameterized.class)
public abstract class OnBothStores {
    /** The environments most of these tests need: staging alone. */
    static final String STAGING = "environments:\n  staging: {}\n";

    @Parameterized.Parameters(name = "{0}")
    public static Collection<Object[]> stores() {
        return CliStore.both();
    }

    final String storeName;
    private final String folderPrefix;
    private final String environments;
    CliStore store;
    Path dir;

    /**
     * @param environments the {@code environments:} section of release-ledger.yaml
     */
    OnBothStores(String storeName, String folderPrefix, String environments) {
        this.storeName = storeName;
        this.folderPrefix = folderPrefix;
        this.environments = environments;
    }

    @Before
    public void prepareFolder() throws Exception {
        store = CliStore.open(storeName);
        dir = Files.createTempDirectory(folderPrefix);
        Files.writeString(dir.resolve("release-ledger.yaml"), store.yaml() + environments);
        Files.writeString(dir.resolve("app.jar"), "the app");
        JarProcess register = JarProcess.run(dir, Map.of(), "register", "app", "1.0", "app.jar");
        assertEquals(register.transcript(), 0, register.exitCode());
    }

    @After
    public void closeStore() throws Exception {
        if (store != null) {
            store.close();
        }
    }
}
