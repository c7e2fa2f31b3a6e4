package io.releaseledger.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reading the chain back: verification and export, streamed so memory does not grow with history. */
final class AuditChain {
    private AuditChain() {}

    private static final int FETCH = 1000;

    static ChainVerification verify(Connection c) throws SQLException {
        String expectedPrevious = LedgerEvent.GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        ChainVerification.Reversals reversals = new ChainVerification.Reversals();
        try (PreparedStatement q = c.prepareStatement("SELECT " + Rows.EVENT_COLUMNS
                + " FROM ledger_events ORDER BY seq")) {
            q.setFetchSize(FETCH);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    LedgerEvent e = Rows.event(rs);
                    reversals.see(e.seq(), e.occurredAt());
                    if (e.seq() != expectedSeq) {
                        return ChainVerification.broken(checked, expectedSeq, "event " + expectedSeq
                                + " is missing (the next stored event is " + e.seq() + "): events were deleted", reversals);
                    }
                    if (!e.previousHash().equals(expectedPrevious)) {
                        return ChainVerification.broken(checked, e.seq(), "its previous-hash does not match the"
                                + " hash of event " + (e.seq() - 1) + ": the chain was cut or an earlier event rewritten", reversals);
                    }
                    String recomputed = EventHashes.link(expectedPrevious, e);
                    if (!recomputed.equals(e.hash())) {
                        return ChainVerification.broken(checked, e.seq(), "its content does not match its hash:"
                                + " the event was altered after it was written (" + e.type() + " by " + e.actor() + ")", reversals);
                    }
                    expectedPrevious = e.hash();
                    expectedSeq++;
                    checked++;
                }
            }
        }
        try (PreparedStatement q = c.prepareStatement("SELECT seq, hash FROM chain_head WHERE id = 1");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            if (rs.getLong(1) != checked || !rs.getString(2).equals(expectedPrevious)) {
                return ChainVerification.broken(checked, checked + 1, "the chain head records event "
                        + rs.getLong(1) + " as the last, but the stored events end at " + checked
                        + ": events at the end were deleted", reversals);
            }
        }
        return ChainVerification.intact(checked, reversals);
    }

    /** At most {@code limit} events after {@code afterSeq}, in order: one page of the audit log. */
    static List<LedgerEvent> page(Connection c, long afterSeq, int limit) throws SQLException {
        List<LedgerEvent> events = new ArrayList<>(limit);
        try (PreparedStatement q = c.prepareStatement("SELECT " + Rows.EVENT_COLUMNS
                + " FROM ledger_events WHERE seq > ? ORDER BY seq LIMIT ?")) {
            q.setLong(1, afterSeq);
            q.setInt(2, limit);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    events.add(Rows.event(rs));
                }
            }
        }
        return events;
    }

    /** Streams every event after {@code afterSeq} in order; returns the last sequence number sent. */
    static long export(Connection c, long afterSeq, Consumer<LedgerEvent> sink) throws SQLException {
        long last = afterSeq;
        try (PreparedStatement q = c.prepareStatement("SELECT " + Rows.EVENT_COLUMNS
                + " FROM ledger_events WHERE seq > ? ORDER BY seq")) {
            q.setFetchSize(FETCH);
            q.setLong(1, afterSeq);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    LedgerEvent e = Rows.event(rs);
                    sink.accept(e);
                    last = e.seq();
                }
            }
        }
        return last;
    }
}
