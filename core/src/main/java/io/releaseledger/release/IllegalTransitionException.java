package io.releaseledger.release;

/** A front end asked for a move the release state machine does not allow; nothing was written. */
public class IllegalTransitionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public IllegalTransitionException(long releaseId, ReleaseState from, ReleaseState to) {
        super("release " + releaseId + " cannot move from " + from + " to " + to + "; from " + from
                + " it may move to " + (from.isFinal() ? "nothing (it is final)" : from.successors()));
    }
}
