package io.releaseledger.ledger;

/** The answer to a lease request: acquired, or held by someone else (who, since when). */
public sealed interface LeaseAttempt {
    record Acquired(Lease lease) implements LeaseAttempt {}

    record HeldByOther(Lease current) implements LeaseAttempt {
        /** "waiting for production: held by … since …". */
        public String waitingMessage() {
            return "waiting for " + current.environment() + ": held by " + current.holder() + " (release "
                    + current.releaseId() + ") since " + current.acquiredAt() + ", lease expires "
                    + current.expiresAt();
        }
    }
}
