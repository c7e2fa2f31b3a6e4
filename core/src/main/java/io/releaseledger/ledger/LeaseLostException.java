package io.releaseledger.ledger;

/**
 * A lease could not be renewed: it expired or was taken over. The holder must stop deploying; its
 * release is (or will be) marked INTERRUPTED.
 */
public class LeaseLostException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public LeaseLostException(Lease lease) {
        super("lost the lease on " + lease.environment() + " for release " + lease.releaseId()
                + " (it expired at " + lease.expiresAt() + " or another owner took it over); stop deploying");
    }

    protected LeaseLostException(String message) {
        super(message);
    }
}
