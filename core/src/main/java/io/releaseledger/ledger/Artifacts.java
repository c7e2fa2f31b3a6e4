package io.releaseledger.ledger;

import io.releaseledger.artifact.Artifact;
import io.releaseledger.artifact.ArtifactAlreadyRegisteredException;
import io.releaseledger.artifact.ArtifactKind;
import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.artifact.ArtifactSource;
import io.releaseledger.artifact.Digest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Artifact registration: (name, version) recorded once, immutable after. */
final class Artifacts {
    private Artifacts() {}

    static Artifact register(WriteTx tx, ArtifactRegistration r, Actor actor) throws SQLException {
        Optional<Artifact> existing = find(tx.connection, r.name(), r.version());
        if (existing.isPresent()) {
            if (existing.get().digest().equals(r.digest())) {
                return existing.get(); // the same content again: a no-op, not an event
            }
            throw new ArtifactAlreadyRegisteredException(existing.get(), r.digest());
        }
        try (PreparedStatement insert = tx.connection.prepareStatement(
                "INSERT INTO artifacts (name, version, digest, kind, location, source_job, source_build,"
                        + " source_revision, registered_at, registered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, r.name());
            insert.setString(2, r.version());
            insert.setString(3, r.digest().value());
            insert.setString(4, r.kind().name());
            insert.setString(5, r.location());
            insert.setString(6, r.source().job());
            insert.setString(7, r.source().build());
            insert.setString(8, r.source().revision());
            insert.setLong(9, tx.now.toEpochMilli());
            insert.setString(10, actor.name());
            insert.executeUpdate();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("artifact", r.name());
        details.put("version", r.version());
        details.put("digest", r.digest().value());
        details.put("kind", r.kind().name());
        details.put("location", r.location());
        details.put("sourceJob", r.source().job());
        details.put("sourceBuild", r.source().build());
        details.put("sourceRevision", r.source().revision());
        tx.append(EventType.ARTIFACT_REGISTERED, actor, null, null, details);
        return new Artifact(r.name(), r.version(), r.digest(), r.kind(), r.location(), r.source(), tx.now,
                actor.name());
    }

    /** The columns {@link #row} reads, in its order; {@code a.} names the artifacts table. */
    static final String COLUMNS = "a.name, a.version, a.digest, a.kind, a.location, a.source_job, a.source_build,"
            + " a.source_revision, a.registered_at, a.registered_by";

    static Optional<Artifact> find(Connection c, String name, String version) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM artifacts a WHERE a.name = ? AND a.version = ?")) {
            q.setString(1, name);
            q.setString(2, version);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? row(rs, 1) : Optional.empty();
            }
        }
    }

    /**
     * The artifact in the row's {@link #COLUMNS}, from column {@code first} on; empty when they are NULL
     * (an outer join found none).
     */
    static Optional<Artifact> row(ResultSet rs, int first) throws SQLException {
        int i = first;
        String name = rs.getString(i);
        if (name == null) {
            return Optional.empty();
        }
        return Optional.of(new Artifact(name, rs.getString(i + 1), new Digest(rs.getString(i + 2)),
                ArtifactKind.valueOf(rs.getString(i + 3)), rs.getString(i + 4),
                new ArtifactSource(rs.getString(i + 5), rs.getString(i + 6), rs.getString(i + 7)),
                Instant.ofEpochMilli(rs.getLong(i + 8)), rs.getString(i + 9)));
    }
}
