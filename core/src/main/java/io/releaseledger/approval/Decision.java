package io.releaseledger.approval;

/** What an approver decided. */
public enum Decision {
    APPROVE,
    /** Ends the request: one rejection by an allowed approver is enough. */
    REJECT
}
