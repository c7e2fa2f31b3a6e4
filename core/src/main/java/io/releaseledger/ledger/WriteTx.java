package io.releaseledger.ledger;

import io.releaseledger.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One write transaction: it holds the chain head's row lock from its first statement, so it sees
 * every earlier write and its events extend the chain without a gap or a fork.
 *
 * <p>Events are hashed when appended and written when the transaction finishes. Where the driver
 * pipelines (PostgreSQL) they go together with the new chain head in one statement, one round trip
 * however many events a step records. Nothing in a write reads back the events it appended.
 */
final class WriteTx {
    static final String LOCK_HEAD = "SELECT seq, hash, last_at FROM chain_head WHERE id = 1 FOR UPDATE";
    private static final String INSERT_EVENT = "INSERT INTO ledger_events (" + Rows.EVENT_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String MOVE_HEAD = "UPDATE chain_head SET seq = ?, hash = ?, last_at = ? WHERE id = 1";
    /** Events per statement: a step writes one or two; bulk writes go in statements of this many. */
    private static final int EVENTS_PER_STATEMENT = 8;

    final Connection connection;
    /**
     * The time of this transaction's events and rows: the database's clock, read once the chain head was
     * locked, but never earlier than the last event, so the chain's times never run backwards.
     */
    final Instant now;
    /**
     * The database's clock as read, for lease times: a lease's expiry is compared with the same clock that
     * set it, even in the rare write where {@link #now} was held back to the last event's time.
     */
    final Instant clock;
    private final boolean pipelined;
    private long seq;
    private String hash;
    private final List<LedgerEvent> appended = new ArrayList<>(2);

    /** The chain head as locked: the last event's sequence number, hash and time (epoch ms). */
    record Head(long seq, String hash, long lastAt) {}

    /**
     * @param clockMillis the database's clock, read after the chain head was locked
     * @param pipelined   whether to send the events and the head in one statement (see {@link Database})
     */
    WriteTx(Connection connection, Head head, long clockMillis, boolean pipelined) {
        this.connection = connection;
        this.clock = Instant.ofEpochMilli(clockMillis);
        this.now = Instant.ofEpochMilli(Math.max(clockMillis, head.lastAt()));
        this.pipelined = pipelined;
        this.seq = head.seq();
        this.hash = head.hash();
    }

    /** The chain head as {@link #LOCK_HEAD} returned it. */
    static Head head(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            throw new SQLException("chain_head row is missing; the ledger schema is damaged");
        }
        return new Head(rs.getLong(1), rs.getString(2), rs.getLong(3));
    }

    /** Appends one event to the chain, within this transaction; written by {@link #finish()}. */
    LedgerEvent append(EventType type, Actor actor, String environment, Long releaseId, Map<String, ?> details) {
        LedgerEvent unsigned = new LedgerEvent(seq + 1, now, actor.name(), actor.origin(), type, environment,
                releaseId, Json.object(details), hash, null);
        String next = EventHashes.link(hash, unsigned);
        LedgerEvent event = new LedgerEvent(unsigned.seq(), now, actor.name(), actor.origin(), type, environment,
                releaseId, unsigned.payload(), hash, next);
        appended.add(event);
        seq = event.seq();
        hash = next;
        return event;
    }

    /** Writes the appended events, if any, and moves the chain head to the last of them. */
    void finish() throws SQLException {
        if (appended.isEmpty()) {
            return;
        }
        if (!pipelined) {
            // H2 parses a statement of several commands afresh each time: there, one statement each is cheaper.
            for (LedgerEvent e : appended) {
                try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
                    bind(insert, 0, e);
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement move = connection.prepareStatement(MOVE_HEAD)) {
                move.setLong(1, seq);
                move.setString(2, hash);
                move.setLong(3, now.toEpochMilli());
                move.executeUpdate();
            }
            return;
        }
        for (int from = 0; from < appended.size(); from += EVENTS_PER_STATEMENT) {
            List<LedgerEvent> events = appended.subList(from, Math.min(appended.size(), from + EVENTS_PER_STATEMENT));
            boolean last = from + events.size() == appended.size();
            String sql = String.join("; ", Collections.nCopies(events.size(), INSERT_EVENT))
                    + (last ? "; " + MOVE_HEAD : "");
            try (PreparedStatement write = connection.prepareStatement(sql)) {
                int p = 0;
                for (LedgerEvent e : events) {
                    p = bind(write, p, e);
                }
                if (last) {
                    write.setLong(++p, seq);
                    write.setString(++p, hash);
                    write.setLong(++p, now.toEpochMilli());
                }
                write.execute();
            }
        }
    }

    /** Binds an event's columns after parameter {@code p}; returns the last parameter bound. */
    private static int bind(PreparedStatement insert, int p, LedgerEvent e) throws SQLException {
        insert.setLong(++p, e.seq());
        insert.setLong(++p, e.occurredAt().toEpochMilli());
        insert.setString(++p, e.actor());
        insert.setString(++p, e.origin());
        insert.setString(++p, e.type().name());
        insert.setString(++p, e.environment());
        Rows.setLong(insert, ++p, e.releaseId());
        insert.setString(++p, e.payload());
        insert.setString(++p, e.previousHash());
        insert.setString(++p, e.hash());
        return p;
    }
}
