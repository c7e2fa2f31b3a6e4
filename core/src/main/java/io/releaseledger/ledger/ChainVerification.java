package io.releaseledger.ledger;

import java.time.Instant;

/**
 * The result of recomputing the audit chain.
 *
 * @param firstBrokenSeq   the sequence number of the first link that does not hold, or {@code -1}
 * @param problem          what is wrong with it, for a person; {@code null} when intact
 * @param timeReversals    how many events carry an earlier time than the event before them: not a broken link
 *                         (the hashes hold), but writers whose clocks disagreed, as before the ledger took every
 *                         time from the database
 * @param firstReversalSeq the first such event, or {@code -1}
 * @param reversal         that event's time and the time before it, for a person; {@code null} when none
 */
public record ChainVerification(boolean intact, long eventsChecked, long firstBrokenSeq, String problem,
                                long timeReversals, long firstReversalSeq, String reversal) {

    static ChainVerification intact(long checked, Reversals reversals) {
        return new ChainVerification(true, checked, -1, null, reversals.count, reversals.firstSeq, reversals.text);
    }

    static ChainVerification broken(long checked, long seq, String problem, Reversals reversals) {
        return new ChainVerification(false, checked, seq, problem, reversals.count, reversals.firstSeq, reversals.text);
    }

    /** Whether some event is dated before the event it follows. */
    public boolean timesRunBackwards() {
        return timeReversals > 0;
    }

    @Override
    public String toString() {
        String verdict = intact ? "audit chain intact: " + eventsChecked + " events verified"
                : "audit chain BROKEN at event " + firstBrokenSeq + ": " + problem;
        return timesRunBackwards() ? verdict + "; " + reversalNote() : verdict;
    }

    /** {@code times run backwards 3 times, first at event 374 (…)…}. */
    public String reversalNote() {
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
