package io.releaseledger.bench;

import io.releaseledger.json.CanonicalJson;
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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes one release's whole life to LIVE — requested, approved, deploying, verifying, live,
 * superseding the previous live release — in a store of its own: through the {@link Ledger}, or as the
 * same rows with plain JDBC.
 *
 * <p>Both commit once per step, as the ledger must: a step is acknowledged only when durable. The raw
 * writer writes the same rows with the same contents (event payloads included) and is the floor: no
 * reads, no checks, no hashing (a fixed hash of the same length), one held connection. What the
 * ledger costs above it is its validation, its chain lock and hash, and its pool.
 */
abstract class ReleaseWriter implements AutoCloseable {
    static final Actor CI = new Actor("alice", "https://ci.example.com/job/payments/deploy/1/");
    static final ReleaseState[] PATH = {ReleaseState.REQUESTED, ReleaseState.APPROVED,
            ReleaseState.DEPLOYING, ReleaseState.VERIFYING, ReleaseState.LIVE};

    final BenchStore store;
    final Ledger ledger;

    /** A fresh store with one environment and one artifact, its schema made by the ledger itself. */
    ReleaseWriter(String kind) {
        store = BenchStore.fresh(kind);
        ledger = Ledger.open(store.config());
        ledger.defineEnvironment(Seeder.PRODUCTION, 0, CI);
        ledger.registerArtifact(Seeder.artifact(Seeder.version(1)), CI);
    }

    /** Writes one release to LIVE; returns its id. */
    abstract long release() throws SQLException;

    @Override
    public void close() throws SQLException {
        ledger.close();
        store.close();
    }

    static final class ThroughLedger extends ReleaseWriter {
        ThroughLedger(String kind) {
            super(kind);
        }

        @Override
        long release() {
            Release r = ledger.requestRelease(ReleaseRequest.deploy(Seeder.PRODUCTION, "payments-api",
                    Seeder.version(1)), CI);
            for (int i = 1; i < PATH.length; i++) {
                r = ledger.transition(r.id(), Transition.of(PATH[i - 1], PATH[i], "moving on"), CI);
            }
            return r.id();
        }
    }

    static final class RawJdbc extends ReleaseWriter {
        private static final String FIXED_HASH = "f".repeat(64);
        private final String digest = Seeder.artifact(Seeder.version(1)).digest().value();
        private final Connection raw;
        private long seq = 1_000; // above the few events the set-up wrote through the ledger
        private long live;

        RawJdbc(String kind) throws SQLException {
            super(kind);
            raw = store.connect();
        }

        @Override
        long release() throws SQLException {
            long id;
            try (PreparedStatement insert = raw.prepareStatement("INSERT INTO releases (environment, artifact_name,"
                            + " artifact_version, digest, mode, state, initiator, origin, requested_at, updated_at, plan)"
                            + " VALUES (?, 'payments-api', ?, ?, 'DEPLOY', 'REQUESTED', ?, ?, ?, ?, NULL)",
                    Statement.RETURN_GENERATED_KEYS)) {
                long now = System.currentTimeMillis();
                insert.setString(1, Seeder.PRODUCTION);
                insert.setString(2, Seeder.version(1));
                insert.setString(3, digest);
                insert.setString(4, CI.name());
                insert.setString(5, CI.origin());
                insert.setLong(6, now);
                insert.setLong(7, now);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            Map<String, Object> requested = new LinkedHashMap<>();
            requested.put("artifact", "payments-api");
            requested.put("version", Seeder.version(1));
            requested.put("digest", digest);
            requested.put("mode", "DEPLOY");
            requested.put("state", "REQUESTED");
            requested.put("plan", null);
            event(id, "RELEASE_REQUESTED", requested);
            head();
            raw.commit();
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
                event(id, "RELEASE_STATE_CHANGED", moved(PATH[i - 1], PATH[i], "moving on"));
                if (PATH[i] == ReleaseState.LIVE) {
                    supersede(id);
                }
                head();
                raw.commit();
            }
            return id;
        }

        /** The same superseding and degraded-flag reset the ledger records when a release goes LIVE. */
        private void supersede(long id) throws SQLException {
            if (live != 0) {
                try (PreparedStatement supersede = raw.prepareStatement(
                        "UPDATE releases SET state = 'SUPERSEDED', updated_at = ? WHERE id = ?")) {
                    supersede.setLong(1, System.currentTimeMillis());
                    supersede.setLong(2, live);
                    supersede.executeUpdate();
                }
                event(live, "RELEASE_STATE_CHANGED", moved(ReleaseState.LIVE, ReleaseState.SUPERSEDED,
                        "superseded by release " + id + " (payments-api " + Seeder.version(1) + ")"));
            }
            // The environment is not degraded, so the ledger writes nothing to its row, and neither does this.
            live = id;
        }

        private static Map<String, Object> moved(ReleaseState from, ReleaseState to, String reason) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("from", from.name());
            details.put("to", to.name());
            details.put("reason", reason);
            details.put("rollbackTarget", null);
            return details;
        }

        private void event(long releaseId, String type, Map<String, Object> details) throws SQLException {
            try (PreparedStatement insert = raw.prepareStatement("INSERT INTO ledger_events (seq, occurred_at, actor,"
                    + " origin, event_type, environment, release_id, payload, prev_hash, hash)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, ++seq);
                insert.setLong(2, System.currentTimeMillis());
                insert.setString(3, CI.name());
                insert.setString(4, CI.origin());
                insert.setString(5, type);
                insert.setString(6, Seeder.PRODUCTION);
                insert.setLong(7, releaseId);
                insert.setString(8, CanonicalJson.object(details));
                insert.setString(9, FIXED_HASH);
                insert.setString(10, FIXED_HASH);
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

        @Override
        public void close() throws SQLException {
            raw.close();
            super.close();
        }
    }
}
