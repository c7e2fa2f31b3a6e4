package io.releaseledger.ledger;

import java.time.Instant;

/**
 * The result of recomputing the audit chain, and of checking the releases against it.
 *
 * @param firstBrokenSeq   the sequence number of the first link that does not hold, or {@code -1}
 * @param problem          what is wrong with it, for a person; {@code null} when intact
 * @param timeReversals    how many events carry an earlier time than the event before them: not a broken link
 *                         (the hashes hold), but writers whose clocks disagreed, as before the ledger took every
 *                         time from the database
 * @param firstReversalSeq the first such event, or {@code -1}
 * @param reversal         that event's time and the time before it, for a person; {@code null} when none
 * @param releasesChecked  how many releases were found with a row and the event that requested them; {@code 0} when
 *                         the releases were not checked ({@link Ledger#verifyChain()}) or the chain is broken
 * @param unissuedIds      release ids below the highest that no release ever had — no row and no event names them
 *                         (ranges such as {@code 3-33}); a ledger written since ids have no gaps has none, an older
 *                         one may (see docs/ledger.md); empty when none, or when the chain is broken
 */
public record ChainVerification(boolean intact, long eventsChecked, long firstBrokenSeq, String problem,
                                long timeReversals, long firstReversalSeq, String reversal,
                                long releasesChecked, String unissuedIds) {

    static ChainVerification intact(long checked, Reversals reversals, long releases, String unissued) {
        return new ChainVerification(true, checked, -1, null, reversals.count, reversals.firstSeq, reversals.text,
                releases, unissued);
    }

    static ChainVerification broken(long checked, long seq, String problem, Reversals reversals) {
        return new ChainVerification(false, checked, seq, problem, reversals.count, reversals.firstSeq, reversals.text,
                0, "");
    }

    /** Whether some event is dated before the event it follows. */
    public boolean timesRunBackwards() {
        return timeReversals > 0;
    }

    @Override
    public String toString() {
        String verdict = !intact ? "audit chain BROKEN at event " + firstBrokenSeq + ": " + problem
                : "audit chain intact: " + eventsChecked + " events verified" + (releasesChecked == 0 ? ""
                : "; " + releasesChecked + " releases, each with its request in the chain") + (unissuedIds.isEmpty() ? ""
                : " (ids " + unissuedIds + " were never issued: no release and no event has them; nothing is missing)");
        return timesRunBackwards() ? verdict + "; " + reversalNote() : verdict;
    }

    /** {@code times run backwards 3 times, first at event 374 (…)…}. */
    String reversalNote() {
        return "times run backwards " + timeReversals + (timeReversals == 1 ? " time" : " times") + ", first at event "
                + firstReversalSeq + " (" + reversal + "): recorded by writers whose clocks disagreed (before the"
                + " ledger took its times from the database); the hashes hold, so nothing was altered";
    }

    /** Counts events dated before their predecessor while the chain is read. */
    static final class Reversals {
        private long count;
        private long firstSeq = -1;
        private String text;
        private Instant previous;

        void see(long seq, Instant at) {
            if (previous != null && at.isBefore(previous)) {
                if (count == 0) {
                    firstSeq = seq;
                    text = at + " after " + previous + " at event " + (seq - 1);
                }
                count++;
            }
            previous = at;
        }
    }
}
