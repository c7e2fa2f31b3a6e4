package io.releaseledger.ledger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.releaseledger.environment.ApprovalOverride;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.health.VerificationPolicy;
import io.releaseledger.promotion.FreezeOverride;
import io.releaseledger.release.ReleasePlan;
import io.releaseledger.testing.TestStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * V3 gives each release its freeze override as a column of its own, taken for releases recorded before it from
 * the plan that held it: a ledger written by the previous version (schema V2: one clock, fencing, the queue) shows
 * its overrides after the upgrade.
 */
@RunWith(Parameterized.class)
public class FreezeOverrideMigrationTest {
    @Parameterized.Parameters(name = "{0}")
    public static Collection<Object[]> stores() {
        return List.of(new Object[] {"H2"}, new Object[] {"PostgreSQL"});
    }

    private final String name;
    private TestStore store;

    public FreezeOverrideMigrationTest(String name) {
        this.name = name;
    }

    @Before
    public void setUp() {
        store = name.equals("H2") ? TestStore.h2() : TestStore.postgres();
    }

    @After
    public void tearDown() throws Exception {
        if (store != null) {
            store.close();
        }
    }

    @Test
    public void releasesRecordedBeforeTheColumnShowTheOverrideTheirPlanHeld() throws Exception {
        LedgerConfig config = store.config();
        Flyway.configure(getClass().getClassLoader())
                .dataSource(config.jdbcUrl(), config.user(), config.password().read())
                .locations("classpath:io/releaseledger/ledger/migration")
                .target("2")
                .load()
                .migrate();
        FreezeOverride override = new FreezeOverride("year-end \"quiet\", {no deploys}", Instant.parse("2027-01-04T00:00:00Z"),
                "alice", "INC-4711: payments down, \"job\": hotfix", Instant.parse("2026-12-24T10:00:00Z"));
        String withOverride = new ReleasePlan(new VerificationPlan(List.of(), VerificationPolicy.DEFAULTS),
                ApprovalOverride.none(), "team-a/payments", override).toJson();
        String without = new ReleasePlan(new VerificationPlan(List.of(), VerificationPolicy.DEFAULTS),
                ApprovalOverride.none(), null, null).toJson();
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO environments (name, position, degraded, defined_at) VALUES ('production', 1, FALSE, 0)");
            s.execute("INSERT INTO artifacts (name, version, digest, kind, registered_at, registered_by) VALUES"
                    + " ('app', '1.0', 'sha256:" + "a".repeat(64) + "', 'FILE', 0, 'alice')");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO releases (id, environment, artifact_name,"
                    + " artifact_version, digest, mode, state, initiator, origin, requested_at, updated_at, plan)"
                    + " VALUES (?, 'production', 'app', '1.0', 'sha256:" + "a".repeat(64) + "', 'DEPLOY', 'LIVE',"
                    + " 'alice', 'cli', 0, 0, ?)")) {
                insert.setLong(1, 1);
                insert.setString(2, withOverride);
                insert.executeUpdate();
                insert.setLong(1, 2);
                insert.setString(2, without);
                insert.executeUpdate();
                insert.setLong(1, 3);
                insert.setString(2, null);
                insert.executeUpdate();
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        try (Ledger ledger = Ledger.open(config)) {
            assertEquals(override, ledger.release(1).freezeOverride());
            assertNull(ledger.release(2).freezeOverride());
            assertNull(ledger.release(3).freezeOverride());
        }
    }
}
