package io.releaseledger.ledger;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.releaseledger.artifact.ArtifactKind;
import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.artifact.ArtifactSource;
import io.releaseledger.artifact.Digest;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.testing.TestStore;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.After;
import org.junit.Test;

/**
 * The embedded store opened read-only ({@code ACCESS_MODE_DATA=r}, what {@link Ledger#openForReading} falls back to on
 * a full disk) goes through the one schema check every open makes: a store at this version's schema opens without
 * Flyway and without writing, and its views (which read the database's clock to judge leases) work; one with
 * migrations pending is refused, since nothing may be written to migrate it.
 */
public class ReadOnlyStoreTest {
    private static final Actor ALICE = new Actor("alice", "test");
    private final TestStore store = TestStore.h2();

    @After
    public void close() throws Exception {
        store.close();
    }

    @Test
    public void aCurrentStoreOpensReadOnlyItsViewsWorkAndEveryChangeIsRefused() {
        long id;
        try (Ledger ledger = Ledger.open(store.config())) {
            ledger.defineEnvironment("staging", 1, ALICE);
            ledger.registerArtifact(new ArtifactRegistration("app", "1.0", Digest.sha256(new byte[] {1}),
                    ArtifactKind.FILE, "file:app.jar", new ArtifactSource("repo", "1", "abc")), ALICE);
            Release r = ledger.requestRelease(ReleaseRequest.deploy("staging", "app", "1.0"), ALICE);
            for (ReleaseState to : List.of(ReleaseState.APPROVED, ReleaseState.DEPLOYING)) {
                r = ledger.transition(r.id(), Transition.of(r.state(), to, "test"), ALICE);
            }
            ledger.acquireLease("staging", "ci-1", r.id(), Duration.ofHours(1), ALICE);
            id = r.id();
        }
        try (Database db = Database.open(store.config().readOnly().orElseThrow(), null)) {
            HistoryPage page = db.read("read", c -> ReadQueries.history(c, db.time(), "staging", HistoryFilter.ALL, null, 10));
            assertEquals("a live owner's release, judged by the database's clock", ReleaseState.DEPLOYING,
                    page.releases().get(0).state());
            assertEquals(id, page.releases().get(0).id());
            LedgerUnavailableException refused = assertThrows(LedgerUnavailableException.class,
                    () -> db.write("define an environment", tx -> {
                        Environments.define(tx, "production", 2, ALICE);
                        return null;
                    }));
            assertThat(refused.getMessage(), containsString("read only"));
        }
    }

    @Test
    public void aStoreWithMigrationsPendingIsRefusedReadOnly() {
        LedgerConfig config = store.config();
        Flyway.configure(getClass().getClassLoader())
                .dataSource(config.jdbcUrl(), config.user(), config.password().read())
                .locations("classpath:io/releaseledger/ledger/migration")
                .target("2")
                .load()
                .migrate();
        LedgerUnavailableException refused = assertThrows(LedgerUnavailableException.class,
                () -> Database.open(config.readOnly().orElseThrow(), null).close());
        assertThat(refused.getMessage(), containsString("its schema is older than this version of Release Ledger and"
                + " cannot be upgraded while the store is read-only"));
    }
}
