package io.releaseledger.ledger;

import java.time.Instant;

/** The answer to a lease request: acquired, or wait (who holds it, who asked first, until when). */
public sealed interface LeaseAttempt {
    record Acquired(Lease lease) implements LeaseAttempt {}

    /**
     * Not granted: another owner holds the lease, or its expired holder's body may still be stopping, or
     * earlier requests wait before this one. Ask again; a request that does not ask again within its renewal
     * interval loses its place in the queue.
     *
     * @param current     the lease as held, or {@code null} when it is free but others asked first
     * @param ahead       how many requests wait before this one
     * @param availableAt the earliest the current holder's lease can be taken over when it does not renew, or
     *                    {@code null} while it is free (then it is the turn of those ahead)
     * @param message     for people: {@code waiting for production: held by ci-7 (release 42) since …}
     */
    record Waiting(String environment, Lease current, int ahead, Instant availableAt, String message)
            implements LeaseAttempt {

        /** "waiting for production: held by … since …". */
        public String waitingMessage() {
            return message;
        }
    }
}
