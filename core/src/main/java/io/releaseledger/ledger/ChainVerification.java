package io.releaseledger.ledger;

/**
 * The result of recomputing the audit chain.
 *
 * @param firstBrokenSeq the sequence number of the first link that does not hold, or {@code -1}
 * @param problem        what is wrong with it, for a person; {@code null} when intact
 */
public record ChainVerification(boolean intact, long eventsChecked, long firstBrokenSeq, String problem) {

    static ChainVerification intact(long checked) {
        return new ChainVerification(true, checked, -1, null);
    }

    static ChainVerification broken(long checked, long seq, String problem) {
        return new ChainVerification(false, checked, seq, problem);
    }

    @Override
    public String toString() {
        return intact ? "audit chain intact: " + eventsChecked + " events verified"
                : "audit chain BROKEN at event " + firstBrokenSeq + ": " + problem;
    }
}
