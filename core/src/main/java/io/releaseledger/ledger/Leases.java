package io.releaseledger.ledger;

import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One deployment at a time per environment. The lease row is locked inside the chain-head
 * transaction, so two controllers sharing a database can never both hold it. Every time is the
 * database's clock ({@link WriteTx#clock}), never a JVM's.
 *
 * <p>Who gets it next: the holder until it releases it, or until its term and the grace after it
 * have passed without renewal ({@link LeaseTerms#grace()}), or — for an owner that is a process on
 * the asker's machine — until that process has exited and its body has had {@link LeaseTerms#OWNER_EXITED_GRACE}
 * to stop. Then the requests waiting in {@code lease_queue}, in the order they first asked.
 */
final class Leases {
    private Leases() {}

    private static final String COLUMNS = "holder, release_id, token, acquired_at, expires_at, fence, ttl_ms,"
            + " owner_machine, owner_pid, owner_started, owner_gone_at";

    /** The environment's lease row: the lease if held, and what outlives it (the last token granted). */
    record Row(String environment, Lease lease, long fence, Long ownerGoneAt) {
        boolean held() {
            return lease != null;
        }
    }

    /**
     * Grants {@code environment}'s lease to {@code owner} for {@code releaseId}, or queues the request: hands the lease
     * back to its own holder asking again, frees it when its holder is gone, and otherwise grants it in queue order.
     */
    static LeaseAttempt acquire(WriteTx tx, String environment, LeaseOwner owner, long releaseId, Duration ttl,
                                Actor actor) throws SQLException {
        LeaseTerms terms = new LeaseTerms(ttl);
        Environments.validName(environment);
        Row row = lockRow(tx.connection, environment);
        Instant now = tx.clock;
        purgeStaleWaiters(tx.connection, environment, now);
        // The same owner asking again for the same release is a restart that lost the handle: hand it back.
        boolean resumed = row.held() && row.lease().holder().equals(owner.name())
                && row.lease().releaseId() == releaseId;
        if (!resumed) {
            if (row.held()) {
                Optional<String> freed = freeable(tx, row, now);
                if (freed.isEmpty()) {
                    return waiting(tx, environment, row, owner, releaseId, terms, now);
                }
                expire(tx, row.lease(), freed.get(), actor);
                row = new Row(environment, null, row.fence(), null);
            }
            Optional<Waiter> first = firstWaiter(tx.connection, environment);
            if (first.isPresent() && first.get().releaseId() != releaseId) {
                return waiting(tx, environment, row, owner, releaseId, terms, now);
            }
        }
        long token = resumed ? row.lease().token() : row.fence() + 1;
        Lease lease = new Lease(environment, owner.name(), releaseId, token, UUID.randomUUID().toString(), now,
                now.plus(ttl), ttl, owner.process());
        grant(tx.connection, lease);
        tx.append(EventType.LEASE_ACQUIRED, actor, environment, releaseId, acquiredDetails(lease, resumed));
        return new LeaseAttempt.Acquired(lease);
    }

    /** Writes {@code lease} into its environment's row, records its token with its release, takes it off the queue. */
    private static void grant(Connection c, Lease lease) throws SQLException {
        try (PreparedStatement u = c.prepareStatement(
                "UPDATE environment_leases SET holder = ?, token = ?, release_id = ?, acquired_at = ?, expires_at = ?,"
                        + " fence = ?, ttl_ms = ?, owner_machine = ?, owner_pid = ?, owner_started = ?,"
                        + " owner_gone_at = NULL WHERE environment = ?");
             PreparedStatement record = c.prepareStatement(
                     "UPDATE releases SET lease_token = ? WHERE id = ?");
             PreparedStatement dequeue = c.prepareStatement(
                     "DELETE FROM lease_queue WHERE release_id = ?")) {
            u.setString(1, lease.holder());
            u.setString(2, lease.grant());
            u.setLong(3, lease.releaseId());
            u.setLong(4, lease.acquiredAt().toEpochMilli());
            u.setLong(5, lease.expiresAt().toEpochMilli());
            u.setLong(6, lease.token());
            u.setLong(7, lease.term().toMillis());
            ProcessIdentity p = lease.process();
            u.setString(8, p == null ? null : p.machine());
            Rows.setLong(u, 9, p == null ? null : p.pid());
            Rows.setLong(u, 10, p == null ? null : p.startedAtMillis());
            u.setString(11, lease.environment());
            u.executeUpdate();
            record.setLong(1, lease.token());
            record.setLong(2, lease.releaseId());
            record.executeUpdate();
            dequeue.setLong(1, lease.releaseId());
            dequeue.executeUpdate();
        }
    }

    /** The details of the {@code LEASE_ACQUIRED} event that grants {@code lease}. */
    private static Map<String, Object> acquiredDetails(Lease lease, boolean resumed) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("holder", lease.holder());
        details.put("expiresAt", lease.expiresAt().toEpochMilli());
        details.put("resumed", resumed);
        details.put("token", lease.token());
        if (lease.process() != null) {
            details.put("process", lease.process().describe());
        }
        return details;
    }

    /**
     * Why the held lease of {@code row} may be freed now, or empty while it is still its holder's: before its
     * takeover time, unless its owner is a process of this machine that has exited and whose body has had time
     * to stop. Records when the owner was first seen exited. The views judge a release's owner by the same rule
     * without recording anything ({@link #lostOwner}).
     */
    private static Optional<String> freeable(WriteTx tx, Row row, Instant now) throws SQLException {
        Lease held = row.lease();
        if (!now.isBefore(held.takeoverAt())) {
            return Optional.of("the lease held by " + held.holder() + " expired at " + held.expiresAt()
                    + " without renewal (and its grace of " + seconds(held.terms().grace()) + " passed): its owner"
                    + " stopped or lost the ledger");
        }
        Optional<Instant> exitSeen = ownerExitSeen(tx, row, now);
        if (exitSeen.isPresent() && !now.isBefore(exitSeen.get().plus(LeaseTerms.OWNER_EXITED_GRACE))) {
            return Optional.of("the lease holder " + held.holder() + " has exited (" + held.process().describe()
                    + "); its lease was given back " + seconds(LeaseTerms.OWNER_EXITED_GRACE)
                    + " after that was seen, without waiting for its term");
        }
        return Optional.empty();
    }

    /**
     * How a reader sees the release {@code row}'s lease is held for, recorded in {@code recorded}: its owner is gone
     * exactly when the next write would free the lease ({@link #freeable}) — its term and grace passed, or its
     * process on this machine was seen exited {@link LeaseTerms#OWNER_EXITED_GRACE} ago — so the views never call a
     * release interrupted while its owner or its body may still run, nor show it running once a write would record
     * it INTERRUPTED. Writes nothing: an exit not yet recorded by a write waits for one, or for the term and grace.
     */
    static Optional<Release.LostOwner> lostOwner(Row row, ReleaseState recorded, Instant now) {
        Lease held = row.lease();
        if (!now.isBefore(held.takeoverAt())) {
            return Optional.of(new Release.LostOwner(recorded, held.holder(), held.expiresAt(), null));
        }
        if (row.ownerGoneAt() != null && held.process() != null && held.process().hasExited()) {
            Instant seen = Instant.ofEpochMilli(row.ownerGoneAt());
            if (!now.isBefore(seen.plus(LeaseTerms.OWNER_EXITED_GRACE))) {
                return Optional.of(new Release.LostOwner(recorded, held.holder(), held.expiresAt(), seen));
            }
        }
        return Optional.empty();
    }

    /** When a process of this machine first saw the lease's owner exited (recording it now if this is the first). */
    private static Optional<Instant> ownerExitSeen(WriteTx tx, Row row, Instant now) throws SQLException {
        ProcessIdentity process = row.lease().process();
        if (process == null || !process.hasExited()) {
            return Optional.empty();
        }
        if (row.ownerGoneAt() != null) {
            return Optional.of(Instant.ofEpochMilli(row.ownerGoneAt()));
        }
        try (PreparedStatement u = tx.connection.prepareStatement(
                "UPDATE environment_leases SET owner_gone_at = ? WHERE environment = ? AND token = ?")) {
            u.setLong(1, now.toEpochMilli());
            u.setString(2, row.environment());
            u.setString(3, row.lease().grant());
            u.executeUpdate();
        }
        return Optional.of(now);
    }

    /** Queues the request (or keeps its place) and says what it waits for. */
    private static LeaseAttempt.Waiting waiting(WriteTx tx, String environment, Row row, LeaseOwner owner,
                                                long releaseId, LeaseTerms terms, Instant now) throws SQLException {
        long ticket = enqueue(tx.connection, environment, owner, releaseId, terms, now);
        int ahead = ahead(tx.connection, environment, ticket);
        String queue = ahead == 0 ? "" : "; " + ahead + (ahead == 1 ? " deploy" : " deploys") + " asked before this one";
        if (!row.held()) {
            Waiter first = firstWaiter(tx.connection, environment).orElseThrow();
            return new LeaseAttempt.Waiting(environment, null, ahead, null, "waiting for " + environment
                    + ": it is the turn of release " + first.releaseId() + " (" + first.holder() + ")" + queue);
        }
        Lease held = row.lease();
        String who = "held by " + held.holder() + " (release " + held.releaseId() + ")";
        Instant available = held.takeoverAt();
        String message;
        if (row.ownerGoneAt() != null || (held.process() != null && held.process().hasExited())) {
            Instant seen = row.ownerGoneAt() != null ? Instant.ofEpochMilli(row.ownerGoneAt()) : now;
            available = seen.plus(LeaseTerms.OWNER_EXITED_GRACE);
            message = "waiting for " + environment + ": " + who + ", whose process (" + held.process().describe()
                    + ") has exited; it is given back at " + available + ", once its body has had time to stop";
        } else if (held.expiresAt().isBefore(now)) {
            message = "waiting for " + environment + ": the lease " + who + " expired at " + held.expiresAt()
                    + "; it can be taken over at " + available + ", once its body has had time to stop";
        } else {
            message = "waiting for " + environment + ": " + who + " since " + held.acquiredAt() + ", lease expires "
                    + held.expiresAt();
        }
        return new LeaseAttempt.Waiting(environment, held, ahead, available, message + queue);
    }

    private record Waiter(long ticket, long releaseId, String holder) {}

    /** The request whose turn it is, if any request waits. */
    private static Optional<Waiter> firstWaiter(Connection c, String environment) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT ticket, release_id, holder FROM lease_queue"
                + " WHERE environment = ? ORDER BY environment, ticket LIMIT 1")) {
            q.setString(1, environment);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(new Waiter(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    /** Puts the request at the end of the queue, or renews its place; returns its ticket. */
    private static long enqueue(Connection c, String environment, LeaseOwner owner, long releaseId, LeaseTerms terms,
                                Instant now) throws SQLException {
        // The renewal interval: a waiter asks again at least as often as a holder renews.
        long staleAfter = terms.renewEvery().toMillis();
        try (PreparedStatement seen = c.prepareStatement("UPDATE lease_queue SET seen_at = ?, stale_after_ms = ?"
                + " WHERE release_id = ? AND environment = ?")) {
            seen.setLong(1, now.toEpochMilli());
            seen.setLong(2, staleAfter);
            seen.setLong(3, releaseId);
            seen.setString(4, environment);
            if (seen.executeUpdate() == 0) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO lease_queue (environment, release_id,"
                        + " holder, asked_at, seen_at, stale_after_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, environment);
                    insert.setLong(2, releaseId);
                    insert.setString(3, owner.name());
                    insert.setLong(4, now.toEpochMilli());
                    insert.setLong(5, now.toEpochMilli());
                    insert.setLong(6, staleAfter);
                    insert.executeUpdate();
                }
            }
        }
        try (PreparedStatement q = c.prepareStatement("SELECT ticket FROM lease_queue WHERE release_id = ?")) {
            q.setLong(1, releaseId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int ahead(Connection c, String environment, long ticket) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT COUNT(*) FROM lease_queue WHERE environment = ? AND ticket < ?")) {
            q.setString(1, environment);
            q.setLong(2, ticket);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Waiters that stopped asking (their process died, or gave up) lose their place. */
    private static void purgeStaleWaiters(Connection c, String environment, Instant now) throws SQLException {
        try (PreparedStatement d = c.prepareStatement(
                "DELETE FROM lease_queue WHERE environment = ? AND seen_at + stale_after_ms < ?")) {
            d.setString(1, environment);
            d.setLong(2, now.toEpochMilli());
            d.executeUpdate();
        }
    }

    /** A request that stops waiting (its release left APPROVED another way than by its lease) leaves the queue. */
    static void leaveQueue(Connection c, long releaseId) throws SQLException {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM lease_queue WHERE release_id = ?")) {
            d.setLong(1, releaseId);
            d.executeUpdate();
        }
    }

    /**
     * Extends a held lease to at least {@code ttl} from the database's time now; never shortens it. Not an
     * event: renewals are heartbeats and would drown the audit chain; acquiring, releasing and expiring are
     * recorded.
     */
    static Lease renew(Connection c, long nowMillis, Lease lease, Duration ttl) throws SQLException {
        long expires = nowMillis + ttl.toMillis();
        try (PreparedStatement u = c.prepareStatement("UPDATE environment_leases SET expires_at = GREATEST(expires_at, ?),"
                + " owner_gone_at = NULL WHERE environment = ? AND token = ? AND expires_at >= ?")) {
            u.setLong(1, expires);
            u.setString(2, lease.environment());
            u.setString(3, lease.grant());
            u.setLong(4, nowMillis);
            if (u.executeUpdate() != 1) {
                throw new LeaseLostException(lease);
            }
        }
        Instant until = Instant.ofEpochMilli(Math.max(expires, lease.expiresAt().toEpochMilli()));
        return new Lease(lease.environment(), lease.holder(), lease.releaseId(), lease.token(), lease.grant(),
                lease.acquiredAt(), until, lease.term(), lease.process());
    }

    /**
     * Extends every lease {@code holder} holds to at least {@code until} (a planned restart of its host), so
     * that nobody takes them over while it is away; returns how many.
     */
    static int holdThrough(Connection c, String holder, long untilMillis) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("UPDATE environment_leases SET expires_at = GREATEST(expires_at, ?)"
                + " WHERE holder = ?")) {
            u.setLong(1, untilMillis);
            u.setString(2, holder);
            return u.executeUpdate();
        }
    }

    /** Gives the lease back; {@code false} if it was no longer ours (expired and taken over). */
    static boolean release(WriteTx tx, Lease lease, Actor actor) throws SQLException {
        Row current = lockRow(tx.connection, lease.environment());
        if (!current.held() || !current.lease().grant().equals(lease.grant())) {
            return false;
        }
        clear(tx.connection, lease.environment());
        tx.append(EventType.LEASE_RELEASED, actor, lease.environment(), lease.releaseId(),
                Map.of("holder", lease.holder()));
        return true;
    }

    /**
     * Frees every lease whose holder is gone — its term and grace passed without renewal, or its process on this
     * machine exited (and its body had time to stop) — and marks its in-flight release INTERRUPTED; returns those
     * releases.
     */
    static List<Long> expireAll(WriteTx tx, Actor actor) throws SQLException {
        List<String> held = new ArrayList<>();
        try (PreparedStatement q = tx.connection.prepareStatement(
                "SELECT environment FROM environment_leases WHERE holder IS NOT NULL ORDER BY environment")) {
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    held.add(rs.getString(1));
                }
            }
        }
        List<Long> interrupted = new ArrayList<>();
        for (String environment : held) {
            Row row = lockRow(tx.connection, environment);
            if (!row.held()) {
                continue;
            }
            Optional<String> freed = freeable(tx, row, tx.clock);
            if (freed.isPresent() && expire(tx, row.lease(), freed.get(), actor)) {
                interrupted.add(row.lease().releaseId());
            }
        }
        return interrupted;
    }

    static Optional<Lease> current(Connection c, String environment) throws SQLException {
        return read(c, environment, false).filter(Row::held).map(Row::lease);
    }

    /** The token recorded with a release when it was granted the lease, if it ever was. */
    static Optional<Long> tokenOf(Connection c, long releaseId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT lease_token FROM releases WHERE id = ?")) {
            q.setLong(1, releaseId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new java.util.NoSuchElementException("no release " + releaseId + " in the ledger");
                }
                return Optional.ofNullable(Rows.getLong(rs, "lease_token"));
            }
        }
    }

    /** Frees a lease; returns whether its release was in flight and is now INTERRUPTED. */
    private static boolean expire(WriteTx tx, Lease lease, String why, Actor actor) throws SQLException {
        clear(tx.connection, lease.environment());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("holder", lease.holder());
        details.put("expiredAt", lease.expiresAt().toEpochMilli());
        details.put("token", lease.token());
        details.put("reason", why);
        tx.append(EventType.LEASE_EXPIRED, actor, lease.environment(), lease.releaseId(), details);
        Release release = Releases.find(tx.connection, lease.releaseId(), false);
        if (!release.state().isInFlight()) {
            return false;
        }
        Releases.transition(tx, release, Transition.of(release.state(), ReleaseState.INTERRUPTED, why), actor);
        return true;
    }

    /** The environment's lease row, locked until the transaction ends. */
    private static Row lockRow(Connection c, String environment) throws SQLException {
        Optional<Row> row = read(c, environment, true);
        if (row.isEmpty()) {
            throw Environments.unknown(c, environment);
        }
        return row.get();
    }

    private static Optional<Row> read(Connection c, String environment, boolean forUpdate) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM environment_leases"
                + " WHERE environment = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            q.setString(1, environment);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(row(environment, rs)) : Optional.empty();
            }
        }
    }

    /** Every environment's lease row (a handful) and the database's time, {@code now}'s parameter bound at 1. */
    static String allRowsAnd(String now) {
        return "SELECT environment, " + COLUMNS + ", " + now + " FROM environment_leases";
    }

    /** The row at {@code rs}'s cursor, read by its column names ({@link #COLUMNS}). */
    static Row row(String environment, ResultSet rs) throws SQLException {
        long fence = rs.getLong("fence");
        String holder = rs.getString("holder");
        if (holder == null) {
            return new Row(environment, null, fence, null);
        }
        long acquired = rs.getLong("acquired_at");
        long expires = rs.getLong("expires_at");
        Long ttl = Rows.getLong(rs, "ttl_ms");
        String machine = rs.getString("owner_machine");
        ProcessIdentity process = machine == null ? null
                : new ProcessIdentity(machine, rs.getLong("owner_pid"), rs.getLong("owner_started"));
        // A lease taken before V2 has no term recorded: its own span is the best estimate.
        Duration term = Duration.ofMillis(ttl != null ? ttl : Math.max(1, expires - acquired));
        Lease lease = new Lease(environment, holder, rs.getLong("release_id"), fence, rs.getString("token"),
                Instant.ofEpochMilli(acquired), Instant.ofEpochMilli(expires), term, process);
        return new Row(environment, lease, fence, Rows.getLong(rs, "owner_gone_at"));
    }

    private static void clear(Connection c, String environment) throws SQLException {
        try (PreparedStatement u = c.prepareStatement(
                "UPDATE environment_leases SET holder = NULL, token = NULL, release_id = NULL, acquired_at = NULL,"
                        + " expires_at = NULL, ttl_ms = NULL, owner_machine = NULL, owner_pid = NULL,"
                        + " owner_started = NULL, owner_gone_at = NULL WHERE environment = ?")) {
            u.setString(1, environment);
            u.executeUpdate();
        }
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
