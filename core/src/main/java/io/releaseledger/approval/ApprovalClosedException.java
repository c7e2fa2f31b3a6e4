package io.releaseledger.approval;

/** A decision on a request that has already ended (approved, rejected or timed out). */
public final class ApprovalClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient ApprovalStatus status;

    ApprovalClosedException(ApprovalStatus status, String message) {
        super(message);
        this.status = status;
    }

    /** How the request ended. */
    ApprovalStatus status() {
        return status;
    }
}
