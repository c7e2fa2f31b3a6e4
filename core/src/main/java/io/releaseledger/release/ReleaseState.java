package io.releaseledger.release;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a release stands. The legal moves are {@link #successors()}; the ledger refuses any other,
 * so a bug in a front end can never write an impossible history.
 */
public enum ReleaseState {
    /** Passed the promotion rules; next: approvals, if the environment wants any. */
    REQUESTED,
    AWAITING_APPROVAL,
    APPROVED,
    REJECTED,
    APPROVAL_TIMED_OUT,
    /** The deploy body is running (it holds the environment's lease). */
    DEPLOYING,
    DEPLOY_FAILED,
    /** The body succeeded; health checks are sampling. */
    VERIFYING,
    UNHEALTHY,
    /** Verified healthy: what the environment runs, and the known-good target of the next rollback. */
    LIVE,
    /** Was live until a newer release went live. Still a known-good rollback target. */
    SUPERSEDED,
    /** Redeploying the last known-good after a failed deploy or verification. */
    ROLLING_BACK,
    ROLLED_BACK,
    /** The rollback itself failed: the environment is degraded. */
    ROLLBACK_FAILED,
    /** Stopped by a person or the pipeline. */
    ABORTED,
    /** Its owner died: the environment lease expired with the release still in flight. */
    INTERRUPTED;

    /** The states this one may move to; exhaustive so a new state cannot be forgotten here. */
    Set<ReleaseState> successors() {
        return switch (this) {
            case REQUESTED -> EnumSet.of(AWAITING_APPROVAL, APPROVED, ABORTED, INTERRUPTED);
            case AWAITING_APPROVAL -> EnumSet.of(APPROVED, REJECTED, APPROVAL_TIMED_OUT, ABORTED, INTERRUPTED);
            case APPROVED -> EnumSet.of(DEPLOYING, ABORTED, INTERRUPTED);
            case DEPLOYING -> EnumSet.of(VERIFYING, DEPLOY_FAILED, ABORTED, INTERRUPTED);
            case VERIFYING -> EnumSet.of(LIVE, UNHEALTHY, ABORTED, INTERRUPTED);
            case DEPLOY_FAILED, UNHEALTHY -> EnumSet.of(ROLLING_BACK);
            case LIVE -> EnumSet.of(SUPERSEDED);
            case ROLLING_BACK -> EnumSet.of(ROLLED_BACK, ROLLBACK_FAILED, ABORTED, INTERRUPTED);
            case REJECTED, APPROVAL_TIMED_OUT, SUPERSEDED, ROLLED_BACK, ROLLBACK_FAILED, ABORTED, INTERRUPTED ->
                    EnumSet.noneOf(ReleaseState.class);
        };
    }

    public boolean canMoveTo(ReleaseState next) {
        return successors().contains(next);
    }

    /** Nothing can happen to the release any more. */
    boolean isFinal() {
        return successors().isEmpty();
    }

    /**
     * Someone is working on the release: it occupies the environment's in-flight slot, and an
     * expired lease turns it {@link #INTERRUPTED}.
     */
    public boolean isInFlight() {
        return switch (this) {
            case REQUESTED, AWAITING_APPROVAL, APPROVED, DEPLOYING, VERIFYING, ROLLING_BACK -> true;
            case REJECTED, APPROVAL_TIMED_OUT, DEPLOY_FAILED, UNHEALTHY, LIVE, SUPERSEDED, ROLLED_BACK,
                    ROLLBACK_FAILED, ABORTED, INTERRUPTED -> false;
        };
    }

    /** Reached LIVE at some point: a known-good rollback target. */
    public boolean wasLive() {
        return this == LIVE || this == SUPERSEDED;
    }
}
