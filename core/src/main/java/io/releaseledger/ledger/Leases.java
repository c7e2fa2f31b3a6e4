package io.releaseledger.ledger;

import io.releaseledger.Inputs;
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
 * transaction, so two controllers sharing a database can never both hold it.
 */
final class Leases {
    private Leases() {}

    static LeaseAttempt acquire(WriteTx tx, String environment, String holder, long releaseId, Duration ttl,
                                Actor actor) throws SQLException {
        Inputs.requiredText("lease holder", holder, 200);
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lease duration must be positive, got " + ttl);
        }
        Environments.requireKnown(tx.connection, environment);
        Optional<Lease> current = lockRow(tx.connection, environment);
        boolean resumed = false;
        if (current.isPresent()) {
            Lease held = current.get();
            // The same owner asking again for the same release is a restart that lost the token: hand it back.
            resumed = held.holder().equals(holder) && held.releaseId() == releaseId;
            if (!resumed && !held.expiresAt().isBefore(tx.now)) {
                return new LeaseAttempt.HeldByOther(held);
            }
            if (!resumed) {
                expire(tx, held, actor);
            }
        }
        Lease lease = new Lease(environment, holder, releaseId, UUID.randomUUID().toString(), tx.now,
                tx.now.plus(ttl));
        try (PreparedStatement u = tx.connection.prepareStatement(
                "UPDATE environment_leases SET holder = ?, token = ?, release_id = ?, acquired_at = ?,"
                        + " expires_at = ? WHERE environment = ?")) {
            u.setString(1, holder);
            u.setString(2, lease.token());
            u.setLong(3, releaseId);
            u.setLong(4, lease.acquiredAt().toEpochMilli());
            u.setLong(5, lease.expiresAt().toEpochMilli());
            u.setString(6, environment);
            u.executeUpdate();
        }
        tx.append(EventType.LEASE_ACQUIRED, actor, environment, releaseId, Map.of("holder", holder,
                "expiresAt", lease.expiresAt().toEpochMilli(), "resumed", resumed));
        return new LeaseAttempt.Acquired(lease);
    }

    /**
     * Extends a held lease. Not an event: renewals are heartbeats and would drown the audit chain;
     * acquiring, releasing and expiring are recorded.
     */
    static Lease renew(Connection c, Instant now, Lease lease, Duration ttl) throws SQLException {
        Instant expires = now.plus(ttl);
        try (PreparedStatement u = c.prepareStatement(
                "UPDATE environment_leases SET expires_at = ? WHERE environment = ? AND token = ? AND expires_at >= ?")) {
            u.setLong(1, expires.toEpochMilli());
            u.setString(2, lease.environment());
            u.setString(3, lease.token());
            u.setLong(4, now.toEpochMilli());
            if (u.executeUpdate() != 1) {
                throw new LeaseLostException(lease);
            }
        }
        return new Lease(lease.environment(), lease.holder(), lease.releaseId(), lease.token(), lease.acquiredAt(),
                expires);
    }

    /** Gives the lease back; {@code false} if it was no longer ours (expired and taken over). */
    static boolean release(WriteTx tx, Lease lease, Actor actor) throws SQLException {
        Optional<Lease> current = lockRow(tx.connection, lease.environment());
        if (current.isEmpty() || !current.get().token().equals(lease.token())) {
            return false;
        }
        clear(tx.connection, lease.environment());
        tx.append(EventType.LEASE_RELEASED, actor, lease.environment(), lease.releaseId(),
                Map.of("holder", lease.holder()));
        return true;
    }

    /** Frees every expired lease and marks its in-flight release INTERRUPTED; returns those releases. */
    static List<Long> expireAll(WriteTx tx, Actor actor) throws SQLException {
        List<String> expired = new ArrayList<>();
        try (PreparedStatement q = tx.connection.prepareStatement(
                "SELECT environment FROM environment_leases WHERE holder IS NOT NULL AND expires_at < ?"
                        + " ORDER BY environment")) {
            q.setLong(1, tx.now.toEpochMilli());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    expired.add(rs.getString(1));
                }
            }
        }
        List<Long> interrupted = new ArrayList<>();
        for (String environment : expired) {
            Optional<Lease> lease = lockRow(tx.connection, environment);
            if (lease.isPresent() && lease.get().expiresAt().isBefore(tx.now) && expire(tx, lease.get(), actor)) {
                interrupted.add(lease.get().releaseId());
            }
        }
        return interrupted;
    }

    static Optional<Lease> current(Connection c, String environment) throws SQLException {
        return read(c, environment, false);
    }

    /** Frees an expired lease; returns whether its release was in flight and is now INTERRUPTED. */
    private static boolean expire(WriteTx tx, Lease lease, Actor actor) throws SQLException {
        clear(tx.connection, lease.environment());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("holder", lease.holder());
        details.put("expiredAt", lease.expiresAt().toEpochMilli());
        tx.append(EventType.LEASE_EXPIRED, actor, lease.environment(), lease.releaseId(), details);
        Release release = Releases.find(tx.connection, lease.releaseId(), false);
        if (!release.state().isInFlight()) {
            return false;
        }
        Releases.transition(tx, release, Transition.of(release.state(), ReleaseState.INTERRUPTED,
                "the lease held by " + lease.holder() + " expired at " + lease.expiresAt()
                        + " without renewal: its owner stopped or lost the ledger"), actor);
        return true;
    }

    private static Optional<Lease> lockRow(Connection c, String environment) throws SQLException {
        return read(c, environment, true);
    }

    private static Optional<Lease> read(Connection c, String environment, boolean forUpdate) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT holder, release_id, token, acquired_at, expires_at FROM environment_leases"
                        + " WHERE environment = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            q.setString(1, environment);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return Optional.empty();
                }
                return Optional.of(new Lease(environment, rs.getString(1), rs.getLong(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5))));
            }
        }
    }

    private static void clear(Connection c, String environment) throws SQLException {
        try (PreparedStatement u = c.prepareStatement(
                "UPDATE environment_leases SET holder = NULL, token = NULL, release_id = NULL, acquired_at = NULL,"
                        + " expires_at = NULL WHERE environment = ?")) {
            u.setString(1, environment);
            u.executeUpdate();
        }
    }
}
