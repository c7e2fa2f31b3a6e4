package io.releaseledger.ledger;

/**
 * The result of recomputing the audit chain, and of checking the releases against it.
 *
 * @param firstBrokenSeq   the sequence number of the first link that does not hold, or {@code -1}
 * @param problem          what is wrong with it, for a person; {@code null} when intact
 * @param releasesChecked  how many releases were found with a row and the event that requested them
 * @param unissuedIds      release ids below the highest that no release ever had — no row and no event names them
 *                         (ranges such as {@code 3-33}); a ledger written since ids have no gaps has none, an older
 *                         one may (see docs/ledger.md); empty when none, or when the chain is broken
 */
public record ChainVerification(boolean intact, long eventsChecked, long firstBrokenSeq, String problem,
                                long releasesChecked, String unissuedIds) {

    static ChainVerification intact(long checked, long releases, String unissued) {
        return new ChainVerification(true, checked, -1, null, releases, unissued);
    }

    static ChainVerification broken(long checked, long seq, String problem) {
        return new ChainVerification(false, checked, seq, problem, 0, "");
    }

    @Override
    public String toString() {
        if (!intact) {
            return "audit chain BROKEN at event " + firstBrokenSeq + ": " + problem;
        }
        return "audit chain intact: " + eventsChecked + " events verified" + (releasesChecked == 0 ? ""
                : "; " + releasesChecked + " releases, each with its request in the chain") + (unissuedIds.isEmpty() ? ""
                : " (ids " + unissuedIds + " were never issued: no release and no event has them; nothing is missing)");
    }
}
