package io.releaseledger.ledger;

import io.releaseledger.approval.Decision;
import io.releaseledger.Inputs;
import io.releaseledger.InvalidInputException;
import io.releaseledger.artifact.Artifact;
import io.releaseledger.artifact.Digest;
import io.releaseledger.health.HealthSample;
import io.releaseledger.promotion.FreezeOverride;
import io.releaseledger.release.IllegalTransitionException;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.release.StaleReleaseStateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Releases, their state changes, approvals and health samples: each change one transaction with its event. */
final class Releases {
    private Releases() {}

    /** Records the request as release {@code id}: the next id, read under the chain head's lock ({@link #NEXT_ID}). */
    static Release request(WriteTx tx, long id, ReleaseRequest request, Actor actor) throws SQLException {
        Artifact artifact = registeredIn(tx.connection, request)
                .orElseThrow(() -> new InvalidInputException("artifact",
                        request.artifactName() + " " + request.version(),
                        "it is not registered; register it first (registerArtifact, or release-ledger register)"));
        FreezeOverride freeze = FreezeOverride.inPlan(request.plan());
        try (PreparedStatement insert = tx.connection.prepareStatement(
                "INSERT INTO releases (environment, artifact_name, artifact_version, digest, mode, state,"
                        + " initiator, origin, requested_at, updated_at, plan, freeze_override, id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, request.environment());
            insert.setString(2, artifact.name());
            insert.setString(3, artifact.version());
            insert.setString(4, artifact.digest().value());
            insert.setString(5, request.mode().name());
            insert.setString(6, ReleaseState.REQUESTED.name());
            insert.setString(7, actor.name());
            insert.setString(8, actor.origin());
            insert.setLong(9, tx.now.toEpochMilli());
            insert.setLong(10, tx.now.toEpochMilli());
            insert.setString(11, request.plan());
            insert.setString(12, freeze == null ? null : freeze.toJson());
            insert.setLong(13, id);
            insert.executeUpdate();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("artifact", artifact.name());
        details.put("version", artifact.version());
        details.put("digest", artifact.digest().value());
        details.put("mode", request.mode().name());
        details.put("state", ReleaseState.REQUESTED.name());
        details.put("plan", request.plan());
        tx.append(EventType.RELEASE_REQUESTED, actor, request.environment(), id, details);
        // The row as just written: reading it back would cost a round trip in every request.
        return new Release(id, request.environment(), artifact.name(), artifact.version(), artifact.digest(),
                request.mode(), ReleaseState.REQUESTED, null, null, actor.name(), actor.origin(), tx.now, tx.now, null,
                freeze, null);
    }

    /**
     * The next release id: one more than the highest. The chain head's lock, which the transaction that reads it
     * holds ({@link Database#writeNewRelease}), serializes every writer, so no two requests get the same id, and an id
     * is used only if its request commits: release ids have no gaps. (A database sequence would skip ids after a
     * crash, H2 a cached block of 32 at a time, and PostgreSQL one for every rolled-back request; in an audit record a
     * gap reads as a deleted release.) The primary key's index answers it at once.
     */
    static final String NEXT_ID = "SELECT COALESCE(MAX(id), 0) + 1 FROM releases";

    /** The id {@link #NEXT_ID} read. */
    static long nextId(ResultSet rs) throws SQLException {
        rs.next();
        return rs.getLong(1);
    }

    /**
     * The requested artifact, once the request's environment is known to exist: one query for both checks.
     *
     * @throws io.releaseledger.environment.UnknownEnvironmentException naming the defined environments
     */
    private static Optional<Artifact> registeredIn(Connection c, ReleaseRequest request) throws SQLException {
        Environments.validName(request.environment());
        try (PreparedStatement q = c.prepareStatement("SELECT " + Artifacts.COLUMNS + " FROM environments e"
                + " LEFT JOIN artifacts a ON a.name = ? AND a.version = ? WHERE e.name = ?")) {
            q.setString(1, request.artifactName());
            q.setString(2, request.version());
            q.setString(3, request.environment());
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    return Artifacts.row(rs, 1);
                }
            }
        }
        throw Environments.unknown(c, request.environment());
    }

    /**
     * Moves {@code current}, read after the chain head was locked ({@link Database#writeRelease}): no row
     * lock of its own, as no other writer, in this JVM or another, can move it before this commits.
     */
    static Release transition(WriteTx tx, Release current, Transition t, Actor actor) throws SQLException {
        long id = current.id();
        if (current.state() != t.from()) {
            throw new StaleReleaseStateException(id, t.from(), current.state());
        }
        if (!t.from().canMoveTo(t.to())) {
            throw new IllegalTransitionException(id, t.from(), t.to());
        }
        if (t.rollbackTargetId() != null) {
            requireRollbackTarget(tx.connection, current, t.rollbackTargetId());
        }
        if (t.from() == ReleaseState.APPROVED && t.to() != ReleaseState.DEPLOYING) {
            Leases.leaveQueue(tx.connection, id); // it stopped waiting for the lease
        }
        updateState(tx, id, t);
        Map<String, Object> details = new LinkedHashMap<>(t.details());
        details.put("from", t.from().name());
        details.put("to", t.to().name());
        details.put("reason", t.reason());
        details.put("rollbackTarget", t.rollbackTargetId());
        tx.append(EventType.RELEASE_STATE_CHANGED, actor, current.environment(), id, details);

        updateEnvironment(tx, current, t.to(), t.reason(), actor);
        // The row as the UPDATE above left it (superseding and the degraded flag touch other rows): one
        // round trip fewer in every transition than reading it back.
        return new Release(current.id(), current.environment(), current.artifactName(), current.version(),
                current.digest(), current.mode(), t.to(), t.reason(),
                t.rollbackTargetId() != null ? t.rollbackTargetId() : current.rollbackTargetId(),
                current.initiator(), current.origin(), current.requestedAt(), tx.now,
                t.to() == ReleaseState.LIVE ? tx.now : current.liveAt(), current.freezeOverride(), null);
    }

    private static void updateState(WriteTx tx, long id, Transition t) throws SQLException {
        try (PreparedStatement update = tx.connection.prepareStatement(
                "UPDATE releases SET state = ?, state_reason = ?, updated_at = ?,"
                        + " rollback_target_id = COALESCE(?, rollback_target_id),"
                        + " live_at = CASE WHEN ? THEN ? ELSE live_at END WHERE id = ?")) {
            update.setString(1, t.to().name());
            update.setString(2, t.reason());
            update.setLong(3, tx.now.toEpochMilli());
            Rows.setLong(update, 4, t.rollbackTargetId());
            update.setBoolean(5, t.to() == ReleaseState.LIVE);
            update.setLong(6, tx.now.toEpochMilli());
            update.setLong(7, id);
            update.executeUpdate();
        }
    }

    /** What the move means for the environment: the release it supersedes, and whether it is degraded. */
    private static void updateEnvironment(WriteTx tx, Release current, ReleaseState to, String reason, Actor actor)
            throws SQLException {
        long id = current.id();
        switch (to) {
            case LIVE -> {
                supersedePreviousLive(tx, current, actor);
                Environments.setDegraded(tx, current.environment(), null);
            }
            // A verified rollback: the environment runs a known-good release that was just verified healthy again.
            case ROLLED_BACK -> Environments.setDegraded(tx, current.environment(), null);
            case ROLLBACK_FAILED -> Environments.setDegraded(tx, current.environment(),
                    "rollback of release " + id + " failed: " + reason);
            // A manual rollback has no ROLLING_BACK phase of its own: its deploy failing is the rollback failing.
            case DEPLOY_FAILED, UNHEALTHY -> {
                if (current.mode() == ReleaseMode.ROLLBACK) {
                    Environments.setDegraded(tx, current.environment(), "manual rollback to "
                            + current.coordinates() + " (release " + id + ") failed: " + reason);
                }
            }
            default -> { }
        }
    }

    private static void supersedePreviousLive(WriteTx tx, Release now, Actor actor) throws SQLException {
        List<Release> previouslyLive = new ArrayList<>(1);
        // Ordered as releases_by_state: H2 plans a statement once per pooled connection, and a plan made
        // while the table was small read the environment's whole history through its foreign-key index,
        // one more row with every release. The ORDER BY makes the state index (one or two rows) its choice.
        try (PreparedStatement q = tx.connection.prepareStatement("SELECT " + Rows.RELEASE_COLUMNS
                + " FROM releases WHERE state = 'LIVE' AND environment = ? AND id <> ?"
                + " ORDER BY state, environment, id DESC")) {
            q.setString(1, now.environment());
            q.setLong(2, now.id());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    previouslyLive.add(Rows.release(rs)); // the whole row: no second read to supersede it
                }
            }
        }
        for (Release previous : previouslyLive) {
            transition(tx, previous, new Transition(ReleaseState.LIVE, ReleaseState.SUPERSEDED,
                    "superseded by release " + now.id() + " (" + now.coordinates() + ")", null, Map.of()), actor);
        }
    }

    private static void requireRollbackTarget(Connection c, Release failing, long targetId) throws SQLException {
        Release target = find(c, targetId, false);
        if (!target.environment().equals(failing.environment()) || !target.state().wasLive()) {
            throw new IllegalArgumentException("release " + targetId + " (" + target.coordinates() + ", "
                    + target.state() + " in " + target.environment() + ") is not a known-good release of "
                    + failing.environment() + "; a rollback target must once have been LIVE there");
        }
    }

    static Approval decide(WriteTx tx, long id, String approver, Set<String> groups, Decision decision,
                           String comment, Actor actor) throws SQLException {
        Inputs.requiredText("approver", approver, 200);
        String groupList = String.join(",", new TreeSet<>(groups));
        Inputs.text("approver groups", groupList, 2000);
        Inputs.text("comment", comment, 2000);
        Release release = find(tx.connection, id, true);
        Optional<Approval> earlier = approvals(tx.connection, id).stream()
                .filter(a -> a.approver().equals(approver)).findFirst();
        if (earlier.isPresent()) {
            if (earlier.get().decision() == decision) {
                return earlier.get(); // the same click twice
            }
            throw new IllegalStateException(approver + " already decided " + earlier.get().decision()
                    + " on release " + id + " at " + earlier.get().decidedAt() + "; a decision cannot be changed");
        }
        if (release.state() != ReleaseState.AWAITING_APPROVAL) {
            throw new IllegalStateException("release " + id + " is " + release.state()
                    + ", not awaiting approval; nothing to decide");
        }
        try (PreparedStatement insert = tx.connection.prepareStatement(
                "INSERT INTO approvals (release_id, approver, approver_groups, environment, digest, decision, comment,"
                        + " decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, id);
            insert.setString(2, approver);
            insert.setString(3, groupList);
            insert.setString(4, release.environment());
            insert.setString(5, release.digest().value());
            insert.setString(6, decision.name());
            insert.setString(7, comment);
            insert.setLong(8, tx.now.toEpochMilli());
            insert.executeUpdate();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("approver", approver);
        details.put("groups", groupList);
        details.put("decision", decision.name());
        details.put("digest", release.digest().value());
        details.put("comment", comment);
        tx.append(EventType.APPROVAL_DECIDED, actor, release.environment(), id, details);
        return new Approval(id, approver, groups, release.environment(), release.digest(), decision, comment, tx.now);
    }

    static void sample(WriteTx tx, long id, SampleRecord record, Actor actor) throws SQLException {
        Leased leased = findLeased(tx.connection, id);
        leased.requireCurrentToken(null);
        Release release = leased.release();
        // A round still probing when the release was stopped or taken over: its answers no longer belong to it.
        ReleaseState verifying = record.phase() == ReleaseMode.DEPLOY ? ReleaseState.VERIFYING : ReleaseState.ROLLING_BACK;
        if (release.state() != verifying) {
            throw new StaleReleaseStateException(id, verifying, release.state());
        }
        HealthSample s = record.sample();
        String check = clip(s.check(), 500);
        String reason = clip(s.reason(), 2000);
        String observed = clip(s.observed(), 2000);
        String detail = clip(s.detail(), 4000);
        try (PreparedStatement insert = tx.connection.prepareStatement(
                "INSERT INTO health_samples (release_id, phase, check_name, outcome, taken_at, latency_ms, reason,"
                        + " observed, detail, verification_round) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, id);
            insert.setString(2, record.phase().name());
            insert.setString(3, check);
            insert.setString(4, s.outcome().name());
            insert.setLong(5, s.takenAt().toEpochMilli());
            insert.setLong(6, s.latency().toMillis());
            insert.setString(7, reason);
            insert.setString(8, observed);
            insert.setString(9, detail);
            insert.setInt(10, s.round());
            insert.executeUpdate();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("phase", record.phase().name());
        details.put("check", check);
        details.put("outcome", s.outcome().name());
        details.put("takenAt", s.takenAt().toEpochMilli());
        details.put("latencyMs", s.latency().toMillis());
        details.put("reason", reason);
        details.put("observed", observed);
        details.put("round", s.round());
        tx.append(EventType.HEALTH_SAMPLED, actor, release.environment(), id, details);
    }

    /** Probe output is bounded upstream; this keeps a surprise from failing the write. */
    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** The release's samples of one phase, in the order they were taken. */
    static List<HealthSample> samples(Connection c, long id, ReleaseMode phase) throws SQLException {
        List<HealthSample> out = new ArrayList<>();
        for (SampleRecord r : samples(c, id)) {
            if (r.phase() == phase) {
                out.add(r.sample());
            }
        }
        return out;
    }

    static List<SampleRecord> samples(Connection c, long id) throws SQLException {
        List<SampleRecord> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT phase, check_name, outcome, taken_at, latency_ms,"
                + " reason, observed, detail, verification_round FROM health_samples WHERE release_id = ? ORDER BY id")) {
            q.setLong(1, id);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new SampleRecord(ReleaseMode.valueOf(rs.getString(1)), new HealthSample(rs.getString(2),
                            HealthSample.Outcome.valueOf(rs.getString(3)), Instant.ofEpochMilli(rs.getLong(4)),
                            Duration.ofMillis(rs.getLong(5)), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getInt(9))));
                }
            }
        }
        return out;
    }

    static Release replacePlan(WriteTx tx, long id, ReleaseState expected, String plan, Actor actor) throws SQLException {
        Release current = find(tx.connection, id, true); // the row lock serializes two deployments adopting it
        if (current.state() != expected) {
            throw new StaleReleaseStateException(id, expected, current.state());
        }
        try (PreparedStatement q = tx.connection.prepareStatement(
                "SELECT COUNT(*) FROM ledger_events WHERE release_id = ? AND event_type = ?")) {
            q.setLong(1, id);
            q.setString(2, EventType.RELEASE_PLAN_SET.name());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new IllegalStateException("release " + id + " (" + current.coordinates() + " in "
                            + current.environment() + ") was already taken over by a deployment; it is deployed once");
                }
            }
        }
        try (PreparedStatement update = tx.connection.prepareStatement(
                "UPDATE releases SET plan = ?, freeze_override = ?, updated_at = ? WHERE id = ?")) {
            FreezeOverride freeze = FreezeOverride.inPlan(plan);
            update.setString(1, plan);
            update.setString(2, freeze == null ? null : freeze.toJson());
            update.setLong(3, tx.now.toEpochMilli());
            update.setLong(4, id);
            update.executeUpdate();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", current.state().name());
        details.put("digest", current.digest().value());
        details.put("plan", plan);
        tx.append(EventType.RELEASE_PLAN_SET, actor, current.environment(), id, details);
        return find(tx.connection, id, false);
    }

    static Optional<String> plan(Connection c, long id) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT plan FROM releases WHERE id = ?")) {
            q.setLong(1, id);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new NoSuchElementException("no release " + id + " in the ledger");
                }
                return Optional.ofNullable(rs.getString(1));
            }
        }
    }

    /** One release by id; its one parameter is the id. */
    static final String FIND = "SELECT " + Rows.RELEASE_COLUMNS + " FROM releases WHERE id = ?";

    /** One release by id with its lease token and its environment's lease; its one parameter is the id. */
    static final String FIND_LEASED = "SELECT " + Rows.RELEASE_COLUMNS.replaceAll("(\\w+)", "r.$1")
            + ", r.lease_token, l.fence, l.holder AS lease_holder, l.release_id AS lease_release FROM releases r"
            + " LEFT JOIN environment_leases l ON l.environment = r.environment WHERE r.id = ?";

    /**
     * A release as a write about it finds it: with the lease token it was granted (if any) and its environment's
     * newest token and current holder.
     */
    record Leased(Release release, Long token, long fence, String holder, Long holderRelease) {

        /**
         * Refuses a write for a deposed owner: once a newer token was granted for the environment, the release's
         * owner lost the lease to someone else and may record nothing more. Stopping a release ({@code ABORTED},
         * {@code INTERRUPTED}) is anyone's to record and is never refused.
         *
         * @param to the state a transition moves to, or {@code null} for another write (a sample)
         * @throws LeaseFencedException naming the release, the environment, both tokens and the holder now
         */
        void requireCurrentToken(ReleaseState to) {
            if (to == ReleaseState.ABORTED || to == ReleaseState.INTERRUPTED || token == null || fence <= token) {
                return;
            }
            throw new LeaseFencedException(release.id(), release.coordinates(), release.environment(), token, fence,
                    holder, holderRelease);
        }
    }

    static Leased findLeased(Connection c, long id) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(FIND_LEASED)) {
            q.setLong(1, id);
            try (ResultSet rs = q.executeQuery()) {
                return leased(rs, id);
            }
        }
    }

    /** The release {@link #FIND_LEASED} found. */
    static Leased leased(ResultSet rs, long id) throws SQLException {
        if (!rs.next()) {
            throw new NoSuchElementException("no release " + id + " in the ledger");
        }
        return new Leased(Rows.release(rs), Rows.getLong(rs, "lease_token"), rs.getLong("fence"),
                rs.getString("lease_holder"), Rows.getLong(rs, "lease_release"));
    }

    static Release find(Connection c, long id, boolean forUpdate) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(FIND + (forUpdate ? " FOR UPDATE" : ""))) {
            q.setLong(1, id);
            try (ResultSet rs = q.executeQuery()) {
                return one(rs, id);
            }
        }
    }

    /** The release {@link #FIND} found. */
    static Release one(ResultSet rs, long id) throws SQLException {
        if (!rs.next()) {
            throw new NoSuchElementException("no release " + id + " in the ledger");
        }
        return Rows.release(rs);
    }

    static List<Approval> approvals(Connection c, long id) throws SQLException {
        List<Approval> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT release_id, approver, approver_groups, environment, digest, decision, comment, decided_at"
                        + " FROM approvals WHERE release_id = ? ORDER BY decided_at, approver")) {
            q.setLong(1, id);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String groups = rs.getString(3);
                    out.add(new Approval(rs.getLong(1), rs.getString(2),
                            groups.isEmpty() ? Set.of() : Set.of(groups.split(",")), rs.getString(4),
                            new Digest(rs.getString(5)), Decision.valueOf(rs.getString(6)), rs.getString(7),
                            Instant.ofEpochMilli(rs.getLong(8))));
                }
            }
        }
        return out;
    }
}
