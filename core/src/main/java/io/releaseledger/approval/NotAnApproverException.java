package io.releaseledger.approval;

/**
 * A decision from someone who may not decide this request: not among the environment's approvers, or
 * the person who started the release when self-approval is forbidden.
 */
public final class NotAnApproverException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the user may not decide. */
    enum Reason {
        /** Neither the user nor any of their groups is listed as an approver. */
        NOT_LISTED,
        /** The user started the release and the policy forbids self-approval. */
        INITIATOR
    }

    private final String user;
    private final Reason reason;

    NotAnApproverException(String user, Reason reason, String message) {
        super(message);
        this.user = user;
        this.reason = reason;
    }

    /** The user whose decision was refused. */
    String user() {
        return user;
    }

    Reason reason() {
        return reason;
    }
}
