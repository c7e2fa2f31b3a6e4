package io.releaseledger.ledger;

import io.releaseledger.artifact.Digest;
import io.releaseledger.promotion.FreezeOverride;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** Row mapping shared by every query, so a column is read one way everywhere. */
final class Rows {
    private Rows() {}

    static final String RELEASE_COLUMNS = "id, environment, artifact_name, artifact_version, digest, mode, state,"
            + " state_reason, rollback_target_id, initiator, origin, requested_at, updated_at, live_at, freeze_override";

    static final String EVENT_COLUMNS =
            "seq, occurred_at, actor, origin, event_type, environment, release_id, payload, prev_hash, hash";

    static Release release(ResultSet rs) throws SQLException {
        return new Release(
                rs.getLong("id"),
                rs.getString("environment"),
                rs.getString("artifact_name"),
                rs.getString("artifact_version"),
                new Digest(rs.getString("digest")),
                ReleaseMode.valueOf(rs.getString("mode")),
                ReleaseState.valueOf(rs.getString("state")),
                rs.getString("state_reason"),
                getLong(rs, "rollback_target_id"),
                rs.getString("initiator"),
                rs.getString("origin"),
                Instant.ofEpochMilli(rs.getLong("requested_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                instant(rs, "live_at"),
                FreezeOverride.fromJson(rs.getString("freeze_override")),
                null);
    }

    static LedgerEvent event(ResultSet rs) throws SQLException {
        return new LedgerEvent(
                rs.getLong("seq"),
                Instant.ofEpochMilli(rs.getLong("occurred_at")),
                rs.getString("actor"),
                rs.getString("origin"),
                EventType.valueOf(rs.getString("event_type")),
                rs.getString("environment"),
                getLong(rs, "release_id"),
                rs.getString("payload"),
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    static Long getLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Long millis = getLong(rs, column);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }
}
