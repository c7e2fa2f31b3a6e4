package io.releaseledger.ledger;

import java.time.Duration;
import java.time.Instant;

/**
 * The right to deploy to one environment, held by one owner until it is released or expires.
 *
 * @param token      the fencing token: it grows with every grant of the environment's lease (the same owner taking
 *                   its lease back after a restart keeps it), is recorded with the release and handed to the deploy
 *                   body as {@code RELEASE_LEASE_TOKEN}; once a newer one is granted the ledger refuses the older
 *                   release's writes
 * @param grant      identifies this grant; renewals and the release present it (not a secret)
 * @param acquiredAt when it was granted, by the ledger's clock
 * @param expiresAt  when it expires unless renewed, by the ledger's clock
 * @param term       the term it was granted for: see {@link LeaseTerms}
 * @param process    the owning process, when known (see {@link LeaseOwner})
 */
public record Lease(String environment, String holder, long releaseId, long token, String grant, Instant acquiredAt,
                    Instant expiresAt, Duration term, ProcessIdentity process) {

    /** The timing of this lease. */
    LeaseTerms terms() {
        return new LeaseTerms(term);
    }

    /** When another owner may take it over if it is not renewed: its expiry and the grace. */
    Instant takeoverAt() {
        return expiresAt.plus(terms().grace());
    }
}
