package io.releaseledger.bench;

import io.releaseledger.artifact.ArtifactKind;
import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.artifact.ArtifactSource;
import io.releaseledger.artifact.Digest;
import io.releaseledger.json.CanonicalJson;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EventType;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * Fills a store with ten years of history: one environment with {@link #PRODUCTION_RELEASES} releases,
 * {@link #ENVIRONMENTS} environments in all, and an audit chain of {@code chainEvents} events.
 *
 * <p>Environments and artifacts go through the ledger (they are few); the releases and events go in
 * as raw JDBC batches, because a million API transactions would take longer than the whole benchmark
 * budget. The events are hashed as docs/ledger.md defines the chain, so {@code verifyChain} holds.
 */
final class Seeder {
    static final String PRODUCTION = "production";
    static final int ENVIRONMENTS = 50;
    static final int PRODUCTION_RELEASES = 1_000_000;
    /** Every 101st release goes to one of the other 49 environments: 10,000 of them, interleaved. */
    private static final int OTHER_EVERY = 101;
    static final int TOTAL_RELEASES = PRODUCTION_RELEASES / (OTHER_EVERY - 1) * OTHER_EVERY;
    /** Environments with a release under way, so the dashboard shows in-flight rows too. */
    private static final int IN_FLIGHT = 10;
    private static final int VERSIONS = 100;
    private static final int BATCH = 5_000;

    static final Actor SEEDER = new Actor("bench-seeder", "bench/run.sh");
    private static final Instant TEN_YEARS_AGO = Instant.parse("2016-11-29T00:00:00Z");
    /** Ten years spread over the releases: about 270 a day. */
    private static final long STEP_MS = Duration.ofDays(3652).toMillis() / TOTAL_RELEASES;

    private Seeder() {}

    static String environment(int index) {
        return index == 0 ? PRODUCTION : String.format("env-%02d", index);
    }

    static String version(int v) {
        return "1." + v + ".0";
    }

    static ArtifactRegistration artifact(String version) {
        return new ArtifactRegistration("payments-api", version,
                Digest.sha256(("payments-api " + version).getBytes(StandardCharsets.UTF_8)), ArtifactKind.FILE,
                "s3://builds/payments-api-" + version + ".jar", new ArtifactSource("payments/build", version, "c0ffee"));
    }

    /** Seeds {@code store}; returns what it wrote. */
    static String seed(BenchStore store, int chainEvents) throws SQLException {
        try (Ledger ledger = Ledger.open(store.config())) {
            for (int e = 0; e < ENVIRONMENTS; e++) {
                ledger.defineEnvironment(environment(e), e, SEEDER);
            }
            for (int v = 0; v < VERSIONS; v++) {
                ledger.registerArtifact(artifact(version(v)), SEEDER);
            }
        }
        // Which environment each release is in; then the newest of each is LIVE, older ones SUPERSEDED.
        int[] env = new int[TOTAL_RELEASES];
        long[] newest = new long[ENVIRONMENTS];
        for (int i = 0; i < TOTAL_RELEASES; i++) {
            env[i] = i % OTHER_EVERY == OTHER_EVERY - 1 ? 1 + (i / OTHER_EVERY) % (ENVIRONMENTS - 1) : 0;
            newest[env[i]] = i + 1L;
        }
        try (Connection c = store.connect()) {
            insertReleases(c, env, newest);
            long events = appendEvents(c, env, chainEvents);
            try (Statement s = c.createStatement()) {
                // The API's next release must not collide with the seeded ids.
                s.execute("ALTER TABLE releases ALTER COLUMN id RESTART WITH " + (TOTAL_RELEASES + IN_FLIGHT + 1));
                if (store instanceof BenchStore.PgStore) {
                    c.commit();
                    s.execute("ANALYZE"); // fresh statistics, as autovacuum would give a long-lived database
                }
            }
            c.commit();
            return String.format("%,d releases (%,d in %s), %d environments, %,d chained events",
                    TOTAL_RELEASES + IN_FLIGHT, PRODUCTION_RELEASES, PRODUCTION, ENVIRONMENTS, events);
        }
    }

    private static void insertReleases(Connection c, int[] env, long[] newest) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO releases (id, environment, artifact_name,"
                + " artifact_version, digest, mode, state, state_reason, initiator, origin, requested_at, updated_at,"
                + " live_at) VALUES (?, ?, 'payments-api', ?, ?, 'DEPLOY', ?, ?, 'alice', ?, ?, ?, ?)")) {
            String[] digests = new String[VERSIONS];
            for (int v = 0; v < VERSIONS; v++) {
                digests[v] = artifact(version(v)).digest().value();
            }
            for (int i = 0; i < TOTAL_RELEASES + IN_FLIGHT; i++) {
                long id = i + 1L;
                int e = i < TOTAL_RELEASES ? env[i] : 1 + (i - TOTAL_RELEASES);
                int v = (int) (id % VERSIONS);
                long at = TEN_YEARS_AGO.toEpochMilli() + id * STEP_MS;
                boolean live = i < TOTAL_RELEASES && newest[e] == id;
                String state = i >= TOTAL_RELEASES ? "VERIFYING" : live ? "LIVE" : "SUPERSEDED";
                insert.setLong(1, id);
                insert.setString(2, environment(e));
                insert.setString(3, version(v));
                insert.setString(4, digests[v]);
                insert.setString(5, state);
                insert.setString(6, live || i >= TOTAL_RELEASES ? "healthy: 3 of 3 rounds passed"
                        : "superseded by a newer release");
                insert.setString(7, "https://ci.example.com/job/payments/deploy/" + id + "/");
                insert.setLong(8, at);
                insert.setLong(9, at + 90_000);
                if (i >= TOTAL_RELEASES) {
                    insert.setNull(10, java.sql.Types.BIGINT);
                } else {
                    insert.setLong(10, at + 60_000);
                }
                insert.addBatch();
                if (id % BATCH == 0) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            insert.executeBatch();
            c.commit();
        }
    }

    /** One "release requested" event for each of the first releases, chained onto what the API wrote. */
    private static long appendEvents(Connection c, int[] env, int count) throws SQLException {
        long seq;
        String hash;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq, hash FROM chain_head WHERE id = 1")) {
            rs.next();
            seq = rs.getLong(1);
            hash = rs.getString(2);
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO ledger_events (seq, occurred_at, actor,"
                + " origin, event_type, environment, release_id, payload, prev_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < Math.min(count, env.length); i++) {
                long id = i + 1L;
                int v = (int) (id % VERSIONS);
                String payload = CanonicalJson.object(Map.of("artifact", "payments-api", "version", version(v),
                        "mode", "DEPLOY", "state", "REQUESTED"));
                LedgerEvent event = new LedgerEvent(seq + 1, Instant.ofEpochMilli(TEN_YEARS_AGO.toEpochMilli() + id * STEP_MS),
                        SEEDER.name(), SEEDER.origin(), EventType.RELEASE_REQUESTED, environment(env[i]), id, payload,
                        hash, null);
                String next = link(hash, event);
                insert.setLong(1, event.seq());
                insert.setLong(2, event.occurredAt().toEpochMilli());
                insert.setString(3, event.actor());
                insert.setString(4, event.origin());
                insert.setString(5, event.type().name());
                insert.setString(6, event.environment());
                insert.setLong(7, id);
                insert.setString(8, payload);
                insert.setString(9, hash);
                insert.setString(10, next);
                insert.addBatch();
                seq = event.seq();
                hash = next;
                if (id % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        try (PreparedStatement head = c.prepareStatement("UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1")) {
            head.setLong(1, seq);
            head.setString(2, hash);
            head.executeUpdate();
        }
        return seq;
    }

    /** The chain's link as docs/ledger.md defines it: sha256(previous hash ‖ the event's canonical bytes). */
    private static String link(String previous, LedgerEvent event) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previous.getBytes(StandardCharsets.US_ASCII));
            sha.update(event.canonicalBytes());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
