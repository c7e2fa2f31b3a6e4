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
import java.util.Optional;

/**
 * What the views show of a release whose owner is gone: the ledger records it DEPLOYING, VERIFYING or
 * ROLLING_BACK, but the environment's lease held for it could be taken over now — its term and the grace after it
 * passed without renewal, or its owner's process was seen exited and its body had time to stop — so it reads
 * INTERRUPTED, saying whose lease and since when. Judged by {@link Leases#lostOwner}, the rule the next write
 * applies when it records INTERRUPTED ({@link Leases#expireAll}, {@link Leases#acquire}), and by the database's
 * clock (the one that wrote the lease), never by a reader's own. Reading never writes.
 */
final class LostOwners {
    private LostOwners() {}

    /** The states a release is in only while its owner holds the environment's lease. */
    static boolean needsLease(ReleaseState state) {
        return state == ReleaseState.DEPLOYING || state == ReleaseState.VERIFYING || state == ReleaseState.ROLLING_BACK;
    }

    /** {@code releases} as people should read them: those whose owner is gone read INTERRUPTED. */
    static List<Release> apply(Connection c, Database.Now now, List<Release> releases) throws SQLException {
        if (releases.stream().noneMatch(r -> needsLease(r.state()))) {
            return releases; // the usual page: no query at all
        }
        Snapshot leases = leases(c, now);
        List<Release> out = new ArrayList<>(releases.size());
        for (Release r : releases) {
            out.add(leases.apply(r));
        }
        return out;
    }

    static Release apply(Connection c, Database.Now now, Release release) throws SQLException {
        return needsLease(release.state()) ? leases(c, now).apply(release) : release;
    }

    /** Every environment's lease row (one per environment: a handful) and the database's time they were read at. */
    record Snapshot(Map<String, Leases.Row> rows, Instant now) {
        Release apply(Release r) {
            if (!needsLease(r.state())) {
                return r;
            }
            Leases.Row row = rows.get(r.environment());
            // Only a lease that names the release says its owner is gone: the engine takes the lease before DEPLOYING
            // and gives it back after the release settles, and a takeover records INTERRUPTED itself.
            if (row == null || !row.held() || row.lease().releaseId() != r.id()) {
                return r;
            }
            Optional<Release.LostOwner> lost = Leases.lostOwner(row, r.state(), now);
            return lost.map(r::readAsLost).orElse(r);
        }
    }

    /** Reads every lease row with the database's time, in one statement. */
    static Snapshot leases(Connection c, Database.Now now) throws SQLException {
        Map<String, Leases.Row> rows = new HashMap<>();
        long at = 0;
        try (PreparedStatement q = c.prepareStatement(Leases.allRowsAnd(now.sql()))) {
            now.bind(q, 1);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String environment = rs.getString("environment");
                    rows.put(environment, Leases.row(environment, rs));
                    at = rs.getLong(rs.getMetaData().getColumnCount());
                }
            }
        }
        return new Snapshot(rows, Instant.ofEpochMilli(at));
    }
}
