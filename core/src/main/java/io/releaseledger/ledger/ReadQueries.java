package io.releaseledger.ledger;

import io.releaseledger.artifact.Digest;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The read side. Every query is bounded by an index: nothing reads a whole table. */
final class ReadQueries {
    private ReadQueries() {}

    private static final String IN_FLIGHT = Arrays.stream(ReleaseState.values())
            .filter(ReleaseState::isInFlight)
            .map(s -> "'" + s.name() + "'")
            .collect(Collectors.joining(", ", "(", ")"));

    static List<EnvironmentStatus> dashboard(Connection c, Database.Now now) throws SQLException {
        Map<String, List<Release>> live = new LinkedHashMap<>();
        Map<String, List<Release>> inFlight = new LinkedHashMap<>();
        // Both come from the state index: a handful of rows however long the history is.
        try (PreparedStatement q = c.prepareStatement("SELECT " + Rows.RELEASE_COLUMNS + " FROM releases"
                + " WHERE state = 'LIVE' OR state IN " + IN_FLIGHT + " ORDER BY id DESC");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                Release r = Rows.release(rs);
                (r.state() == ReleaseState.LIVE ? live : inFlight)
                        .computeIfAbsent(r.environment(), k -> new ArrayList<>()).add(r);
            }
        }
        // The leases are read once, and only when some release holds one.
        LostOwners.Snapshot leases = inFlight.values().stream().flatMap(List::stream)
                .anyMatch(r -> LostOwners.needsLease(r.state())) ? LostOwners.leases(c, now) : null;
        List<EnvironmentStatus> rows = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT name, position, degraded, degraded_reason FROM environments ORDER BY position, name");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(1);
                List<Release> liveHere = live.getOrDefault(name, List.of());
                List<Release> underWay = new ArrayList<>();
                List<Release> lost = new ArrayList<>();
                for (Release r : inFlight.getOrDefault(name, List.of())) {
                    Release read = leases == null ? r : leases.apply(r);
                    (read.lostOwner() == null ? underWay : lost).add(read);
                }
                rows.add(new EnvironmentStatus(name, rs.getInt(2), rs.getBoolean(3), rs.getString(4),
                        liveHere.isEmpty() ? null : liveHere.get(0), underWay, lost));
            }
        }
        return rows;
    }

    static HistoryPage history(Connection c, Database.Now now, String environment, HistoryFilter filter, Long before,
                               int limit) throws SQLException {
        if (limit < 1 || limit > 500) {
            throw new io.releaseledger.InvalidInputException("limit", String.valueOf(limit), "use 1 to 500");
        }
        Environments.requireKnown(c, environment);
        // Keyset on id within the environment: the (environment, id) index, (state, environment, id) when
        // filtering by state, (environment, artifact_name, id) by artifact; a second filter narrows rows read.
        StringBuilder sql = new StringBuilder("SELECT " + Rows.RELEASE_COLUMNS + " FROM releases"
                + " WHERE environment = ? AND id < ?");
        if (filter.state() != null) {
            sql.append(" AND state = ?");
        }
        if (filter.artifact() != null) {
            sql.append(" AND artifact_name = ?");
        }
        // The same order as id DESC, since the leading columns are fixed by the WHERE clause, but spelled as
        // the index is (V1__ledger.sql): then the database reads limit + 1 entries of it and stops.
        if (filter.state() != null) {
            sql.append(" ORDER BY state, environment, id DESC LIMIT ?");
        } else if (filter.artifact() != null) {
            sql.append(" ORDER BY environment, artifact_name, id DESC LIMIT ?");
        } else {
            sql.append(" ORDER BY environment, id DESC LIMIT ?");
        }
        List<Release> page = new ArrayList<>(limit + 1);
        try (PreparedStatement q = c.prepareStatement(sql.toString())) {
            int i = 1;
            q.setString(i++, environment);
            q.setLong(i++, before == null ? Long.MAX_VALUE : before);
            if (filter.state() != null) {
                q.setString(i++, filter.state().name());
            }
            if (filter.artifact() != null) {
                q.setString(i++, filter.artifact());
            }
            q.setInt(i, limit + 1);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    page.add(Rows.release(rs));
                }
            }
        }
        if (page.size() > limit) {
            page.remove(limit);
            return new HistoryPage(LostOwners.apply(c, now, page), page.get(limit - 1).id());
        }
        return new HistoryPage(LostOwners.apply(c, now, page), null);
    }

    /** The newest release of the environment that was once LIVE, older than {@code before} if given. */
    static Optional<Release> lastKnownGood(Connection c, String environment, Long before) throws SQLException {
        Environments.requireKnown(c, environment);
        try (PreparedStatement q = c.prepareStatement("SELECT " + Rows.RELEASE_COLUMNS + " FROM releases"
                + " WHERE environment = ? AND id < ? AND live_at IS NOT NULL ORDER BY environment, id DESC LIMIT 1")) {
            q.setString(1, environment);
            q.setLong(2, before == null ? Long.MAX_VALUE : before);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(Rows.release(rs)) : Optional.empty();
            }
        }
    }

    /** The newest release of that version in the environment that was once LIVE (a named rollback target). */
    static Optional<Release> onceLive(Connection c, String environment, String artifact, String version)
            throws SQLException {
        Environments.requireKnown(c, environment);
        try (PreparedStatement q = c.prepareStatement("SELECT " + Rows.RELEASE_COLUMNS + " FROM releases"
                + " WHERE environment = ? AND artifact_name = ? AND artifact_version = ? AND live_at IS NOT NULL"
                + " ORDER BY environment, artifact_name, id DESC LIMIT 1")) {
            q.setString(1, environment);
            q.setString(2, artifact);
            q.setString(3, version);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(Rows.release(rs)) : Optional.empty();
            }
        }
    }

    static Set<String> environmentsReached(Connection c, Digest digest) throws SQLException {
        Set<String> reached = new LinkedHashSet<>();
        try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT environment FROM releases"
                + " WHERE digest = ? AND live_at IS NOT NULL ORDER BY environment")) {
            q.setString(1, digest.value());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    reached.add(rs.getString(1));
                }
            }
        }
        return reached;
    }

    static ReleaseTimeline timeline(Connection c, Database.Now now, long id) throws SQLException {
        Release release = Releases.find(c, id, false);
        List<LedgerEvent> events = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT " + Rows.EVENT_COLUMNS
                + " FROM ledger_events WHERE release_id = ? ORDER BY seq")) {
            q.setLong(1, id);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    events.add(Rows.event(rs));
                }
            }
        }
        return new ReleaseTimeline(LostOwners.apply(c, now, release), events, Releases.approvals(c, id),
                Releases.samples(c, id));
    }
}
