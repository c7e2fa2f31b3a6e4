package io.releaseledger.ledger;

import io.releaseledger.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * One write transaction: it holds the chain head's row lock from its first statement, so it sees
 * every earlier write and its events extend the chain without a gap or a fork.
 */
final class WriteTx {
    final Connection connection;
    final Instant now;
    private long seq;
    private String hash;
    private final long startSeq;

    private WriteTx(Connection connection, Instant now, long seq, String hash) {
        this.connection = connection;
        this.now = now;
        this.seq = seq;
        this.hash = hash;
        this.startSeq = seq;
    }

    static WriteTx begin(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT seq, hash FROM chain_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = lock.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("chain_head row is missing; the ledger schema is damaged");
            }
            return new WriteTx(connection, now, rs.getLong(1), rs.getString(2));
        }
    }

    /** Appends one event to the chain, within this transaction. */
    LedgerEvent append(EventType type, Actor actor, String environment, Long releaseId, Map<String, ?> details)
            throws SQLException {
        LedgerEvent unsigned = new LedgerEvent(seq + 1, now, actor.name(), actor.origin(), type, environment,
                releaseId, Json.object(details), hash, null);
        String next = EventHashes.link(hash, unsigned);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ledger_events (seq, occurred_at, actor, origin, event_type, environment, release_id,"
                        + " payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, unsigned.seq());
            insert.setLong(2, now.toEpochMilli());
            insert.setString(3, actor.name());
            insert.setString(4, actor.origin());
            insert.setString(5, type.name());
            insert.setString(6, environment);
            Rows.setLong(insert, 7, releaseId);
            insert.setString(8, unsigned.payload());
            insert.setString(9, hash);
            insert.setString(10, next);
            insert.executeUpdate();
        }
        seq = unsigned.seq();
        hash = next;
        return new LedgerEvent(seq, now, actor.name(), actor.origin(), type, environment, releaseId,
                unsigned.payload(), unsigned.previousHash(), next);
    }

    /** Moves the chain head to the last appended event, if any. */
    void finish() throws SQLException {
        if (seq == startSeq) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1")) {
            update.setLong(1, seq);
            update.setString(2, hash);
            update.executeUpdate();
        }
    }
}
