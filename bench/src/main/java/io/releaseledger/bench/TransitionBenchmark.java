package io.releaseledger.bench;

import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.ReleaseRequest;
import io.releaseledger.ledger.Transition;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A release's whole life to LIVE — requested, approved, deploying, verifying, live (superseding the
 * previous live release) — through the {@link Ledger}, against the same rows written with plain JDBC.
 *
 * <p>Both commit once per step, as the ledger must: a step is acknowledged only when durable. The raw
 * side is the floor: no reads, no checks, no hashing, a fixed hash string; what the ledger costs above
 * it is its validation, its chain and its pool.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class TransitionBenchmark {
    private static final Actor CI = new Actor("alice", "https://ci.example.com/job/payments/deploy/1/");
    private static final ReleaseState[] PATH = {ReleaseState.REQUESTED, ReleaseState.APPROVED,
            ReleaseState.DEPLOYING, ReleaseState.VERIFYING, ReleaseState.LIVE};
    private static final String FIXED_HASH = "f".repeat(64);

    @Param({BenchStore.H2, BenchStore.POSTGRES})
    public String store;

    private BenchStore db;
    private Ledger ledger;
    private Connection raw;
    private long seq;
    private long live;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        db = BenchStore.fresh(store);
        ledger = Ledger.open(db.config());
        ledger.defineEnvironment(Seeder.PRODUCTION, 0, CI);
        ledger.registerArtifact(Seeder.artifact(Seeder.version(1)), CI);
        raw = db.connect();
        seq = 1_000_000_000L; // far above the ledger's own events in the same table
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        raw.close();
        ledger.close();
        db.close();
    }

    @Benchmark
    public Release ledger() {
        Release r = ledger.requestRelease(ReleaseRequest.deploy(Seeder.PRODUCTION, "payments-api", Seeder.version(1)), CI);
        for (int i = 1; i < PATH.length; i++) {
            r = ledger.transition(r.id(), Transition.of(PATH[i - 1], PATH[i], "moving on"), CI);
        }
        return r;
    }

    @Benchmark
    public long rawJdbc() throws SQLException {
        long id;
        try (PreparedStatement insert = raw.prepareStatement("INSERT INTO releases (environment, artifact_name,"
                        + " artifact_version, digest, mode, state, initiator, origin, requested_at, updated_at, plan)"
                        + " VALUES (?, 'payments-api', ?, ?, 'DEPLOY', 'REQUESTED', ?, ?, ?, ?, NULL)",
                Statement.RETURN_GENERATED_KEYS)) {
            long now = System.currentTimeMillis();
            insert.setString(1, Seeder.PRODUCTION);
            insert.setString(2, Seeder.version(1));
            insert.setString(3, Seeder.artifact(Seeder.version(1)).digest().value());
            insert.setString(4, CI.name());
            insert.setString(5, CI.origin());
            insert.setLong(6, now);
            insert.setLong(7, now);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
            event(id, "{\"state\":\"REQUESTED\"}");
            head();
            raw.commit();
        }
        for (int i = 1; i < PATH.length; i++) {
            try (PreparedStatement update = raw.prepareStatement(
                    "UPDATE releases SET state = ?, state_reason = ?, updated_at = ?, live_at = ? WHERE id = ?")) {
                long now = System.currentTimeMillis();
                update.setString(1, PATH[i].name());
                update.setString(2, "moving on");
                update.setLong(3, now);
                if (PATH[i] == ReleaseState.LIVE) {
                    update.setLong(4, now);
                } else {
                    update.setNull(4, java.sql.Types.BIGINT);
                }
                update.setLong(5, id);
                update.executeUpdate();
            }
            event(id, "{\"to\":\"" + PATH[i] + "\"}");
            if (PATH[i] == ReleaseState.LIVE) {
                if (live != 0) { // the same superseding the ledger records
                    try (PreparedStatement supersede = raw.prepareStatement(
                            "UPDATE releases SET state = 'SUPERSEDED', updated_at = ? WHERE id = ?")) {
                        supersede.setLong(1, System.currentTimeMillis());
                        supersede.setLong(2, live);
                        supersede.executeUpdate();
                    }
                    event(live, "{\"to\":\"SUPERSEDED\"}");
                }
                try (PreparedStatement env = raw.prepareStatement(
                        "UPDATE environments SET degraded = FALSE, degraded_reason = NULL WHERE name = ?")) {
                    env.setString(1, Seeder.PRODUCTION);
                    env.executeUpdate();
                }
                live = id;
            }
            head();
            raw.commit();
        }
        return id;
    }

    private void event(long releaseId, String payload) throws SQLException {
        try (PreparedStatement insert = raw.prepareStatement("INSERT INTO ledger_events (seq, occurred_at, actor,"
                + " origin, event_type, environment, release_id, payload, prev_hash, hash)"
                + " VALUES (?, ?, ?, ?, 'RELEASE_STATE_CHANGED', ?, ?, ?, ?, ?)")) {
            insert.setLong(1, ++seq);
            insert.setLong(2, System.currentTimeMillis());
            insert.setString(3, CI.name());
            insert.setString(4, CI.origin());
            insert.setString(5, Seeder.PRODUCTION);
            insert.setLong(6, releaseId);
            insert.setString(7, payload);
            insert.setString(8, FIXED_HASH);
            insert.setString(9, FIXED_HASH);
            insert.executeUpdate();
        }
    }

    private void head() throws SQLException {
        try (PreparedStatement update = raw.prepareStatement("UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1")) {
            update.setLong(1, seq);
            update.setString(2, FIXED_HASH);
            update.executeUpdate();
        }
    }
}
