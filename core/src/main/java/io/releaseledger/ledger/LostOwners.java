package io.releaseledger.ledger;

import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the views show of a release whose owner is gone: the ledger records it DEPLOYING, VERIFYING or
 * ROLLING_BACK, but the environment's lease held for it has expired, so it reads INTERRUPTED,
 * saying whose lease expired when. Reading never writes; the next write that meets the expired lease records it
 * ({@link Leases#expireAll}, {@link Leases#acquire}). Expiry is judged by the database's clock, the one every reader
 * shares, never by a reader's own.
 */
final class LostOwners {
    private LostOwners() {}

    /** Now, in epoch milliseconds, by the database's clock (H2: the JVM that opened the file; PostgreSQL: the server). */
    static final String DATABASE_NOW = "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)";

    /** The states a release is in only while its owner holds the environment's lease. */
    static boolean needsLease(ReleaseState state) {
        return state == ReleaseState.DEPLOYING || state == ReleaseState.VERIFYING || state == ReleaseState.ROLLING_BACK;
    }

    /** {@code releases} as people should read them: those whose owner is gone read INTERRUPTED. */
    static List<Release> apply(Connection c, List<Release> releases) throws SQLException {
        if (releases.stream().noneMatch(r -> needsLease(r.state()))) {
            return releases; // the usual page: no query at all
        }
        Map<String, LeaseRow> leases = leases(c);
        List<Release> out = new ArrayList<>(releases.size());
        for (Release r : releases) {
            out.add(apply(r, leases));
        }
        return out;
    }

    static Release apply(Connection c, Release release) throws SQLException {
        return needsLease(release.state()) ? apply(release, leases(c)) : release;
    }

    private static Release apply(Release r, Map<String, LeaseRow> leases) {
        if (!needsLease(r.state())) {
            return r;
        }
        LeaseRow lease = leases.get(r.environment());
        // Only a lease that names the release and has expired says its owner is gone: the engine takes the lease
        // before DEPLOYING and gives it back after the release settles, and a takeover records INTERRUPTED itself.
        if (lease != null && lease.holder() != null && lease.releaseId() == r.id() && lease.expiresAt() < lease.now()) {
            return r.readAsLost(new Release.LostOwner(r.state(), lease.holder(), Instant.ofEpochMilli(lease.expiresAt())));
        }
        return r;
    }

    private record LeaseRow(String holder, long releaseId, long expiresAt, long now) {}

    /** Every environment's lease row (one per environment: a handful) with the database's now. */
    private static Map<String, LeaseRow> leases(Connection c) throws SQLException {
        Map<String, LeaseRow> rows = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT environment, holder, release_id, expires_at, "
                + DATABASE_NOW + " FROM environment_leases");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                rows.put(rs.getString(1), new LeaseRow(rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
            }
        }
        return rows;
    }
}
