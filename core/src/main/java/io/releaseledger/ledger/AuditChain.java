package io.releaseledger.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;

/** Reading the chain back: verification and export, streamed so memory does not grow with history. */
final class AuditChain {
    private AuditChain() {}

    private static final int FETCH = 1000;

    /** The chain alone. */
    static ChainVerification verify(Connection c) throws SQLException {
        return verify(c, false);
    }

    /** The chain and, with {@code releases}, every release against it ({@link #releases}). */
    static ChainVerification verify(Connection c, boolean releases) throws SQLException {
        String expectedPrevious = LedgerEvent.GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        BitSet requested = new BitSet(); // releases whose RELEASE_REQUESTED event is in the chain
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
                    if (e.type() == EventType.RELEASE_REQUESTED && e.releaseId() != null) {
                        requested.set(Math.toIntExact(e.releaseId()));
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
        return releases ? releases(c, checked, requested, reversals) : ChainVerification.intact(checked, reversals, 0, "");
    }

    /**
     * Every release row must have its request in the chain and every requested release its row: a row deleted, or
     * added behind the ledger's back, is found here though the chain itself holds. Ids below the highest that
     * neither has were never issued (older ledgers took ids from a sequence, which skips some after a crash).
     */
    private static ChainVerification releases(Connection c, long checked, BitSet requested,
                                               ChainVerification.Reversals reversals) throws SQLException {
        BitSet rows = new BitSet(requested.length());
        try (PreparedStatement q = c.prepareStatement("SELECT id FROM releases ORDER BY id")) {
            q.setFetchSize(FETCH);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    if (id > Integer.MAX_VALUE || !requested.get((int) id)) {
                        return ChainVerification.broken(checked, checked + 1, "release " + id + " has no"
                                + " RELEASE_REQUESTED event in the chain: it was written behind the ledger's back",
                                reversals);
                    }
                    rows.set((int) id);
                }
            }
        }
        BitSet deleted = (BitSet) requested.clone();
        deleted.andNot(rows);
        if (!deleted.isEmpty()) {
            long id = deleted.nextSetBit(0);
            try (PreparedStatement q = c.prepareStatement("SELECT MIN(seq) FROM ledger_events WHERE release_id = ?")) {
                q.setLong(1, id);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return ChainVerification.broken(checked, rs.getLong(1), "release " + id + " was requested (this"
                            + " event) but its row is gone from the releases table: it was deleted", reversals);
                }
            }
        }
        return ChainVerification.intact(checked, reversals, rows.cardinality(), ranges(rows));
    }

    /** The ids from 1 to the highest that are not in {@code issued}, as {@code 3-33, 40}; at most 20 ranges. */
    private static String ranges(BitSet issued) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (int gap = issued.nextClearBit(1); gap < issued.length(); gap = issued.nextClearBit(gap)) {
            int end = issued.nextSetBit(gap) - 1;
            if (shown == 20) {
                return out.append(", …").toString();
            }
            out.append(out.length() == 0 ? "" : ", ").append(gap).append(end > gap ? "-" + end : "");
            shown++;
            gap = end + 1;
        }
        return out.toString();
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
