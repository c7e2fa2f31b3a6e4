package io.releaseledger.cli;

import io.releaseledger.InvalidInputException;
import io.releaseledger.ledger.Approval;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.SampleRecord;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.web.ReleaseJson;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** How ledger records look: as text for people and as JSON maps (written by core's {@code CanonicalJson}). */
final class Render {
    private Render() {}

    static String time(Instant t) {
        return t == null ? "-" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    /** The web API's release shape ({@link ReleaseJson}), so scripts read one format from both. */
    static Map<String, Object> release(Release r) {
        return ReleaseJson.of(r);
    }

    static Map<String, Object> event(LedgerEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        // Whole milliseconds, as hashed: an export re-verifies from its own lines (docs/cli.md).
        m.put("at", e.occurredAt().toString());
        m.put("atEpochMillis", e.occurredAt().toEpochMilli());
        m.put("actor", e.actor());
        m.put("origin", e.origin());
        m.put("type", e.type().name());
        m.put("environment", e.environment());
        m.put("release", e.releaseId());
        m.put("payload", e.payload());
        m.put("previousHash", e.previousHash());
        m.put("hash", e.hash());
        return m;
    }

    static Map<String, Object> approval(Approval a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("approver", a.approver());
        m.put("groups", new ArrayList<>(new java.util.TreeSet<>(a.groups())));
        m.put("decision", a.decision().name());
        m.put("comment", a.comment());
        m.put("decidedAt", time(a.decidedAt()));
        return m;
    }

    static Map<String, Object> sample(SampleRecord s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phase", s.phase().environmentValue());
        m.put("check", s.sample().check());
        m.put("outcome", s.sample().outcome().name());
        m.put("round", s.sample().round());
        m.put("takenAt", time(s.sample().takenAt()));
        m.put("latencyMs", s.sample().latency().toMillis());
        m.put("reason", s.sample().reason());
        m.put("observed", s.sample().observed());
        return m;
    }

    static List<Map<String, Object>> releases(List<Release> rs) {
        return rs.stream().map(Render::release).toList();
    }

    /**
     * One line of a release list: {@code 12  LIVE  payments-api 1.4.2  sha256:ab12cd34ef56  alice  2026-11-29T10:00:00Z},
     * the id column {@code idWidth} wide (the widest id of the list, so seven-digit ids keep the columns), a manual
     * rollback marked {@code (rollback)}, then what stands out: a freeze override, an owner gone, the reason.
     */
    static String line(Release r, int idWidth) {
        return String.format("%-" + idWidth + "d %-18s %-28s %-20s %-12s %s%s", r.id(), r.state(),
                r.coordinates() + (r.mode() == ReleaseMode.ROLLBACK ? " (rollback)" : ""),
                r.digest().shortForm(), r.initiator(), time(r.requestedAt()), notes(r));
    }

    static String lineHeader(int idWidth) {
        return String.format("%-" + idWidth + "s %-18s %-28s %-20s %-12s %s", "ID", "STATE", "ARTIFACT", "DIGEST", "BY",
                "REQUESTED");
    }

    /** The id column's width for {@code releases}: at least as wide as its heading and a few digits. */
    static int idWidth(List<Release> releases) {
        int widest = 6;
        for (Release r : releases) {
            widest = Math.max(widest, Long.toString(r.id()).length());
        }
        return widest;
    }

    /** What a person must not miss about a release, after its columns: a freeze override first, then the reason. */
    static String notes(Release r) {
        StringBuilder notes = new StringBuilder();
        if (r.freezeOverride() != null) {
            notes.append("  FREEZE OVERRIDDEN: ").append(r.freezeOverride().describe());
        }
        if (r.reason() != null && !r.reason().isBlank()) {
            notes.append("  ").append(r.reason());
        }
        return notes.toString();
    }

    /** The ledger holding release {@code id}, or bad input when nothing was recorded yet. */
    static Ledger holding(Context ctx, long id) {
        return ctx.existingLedger().orElseThrow(() -> new InvalidInputException("release", Long.toString(id),
                "there is no such release: " + ctx.noLedgerYet()));
    }

    /** A release by id, or bad input naming it. */
    static Release release(Ledger ledger, long id) {
        try {
            return ledger.release(id);
        } catch (NoSuchElementException e) {
            throw new InvalidInputException("release", Long.toString(id),
                    "there is no such release in the ledger; find its id with release-ledger history ENV");
        }
    }

    /** Collapses a message to one line, for the one-line error rule. */
    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
