package io.releaseledger.engine;

import io.releaseledger.environment.InconclusiveOutcome;
import java.util.Objects;

/**
 * What the machine needs besides the release and the event: policy, and facts the adapter looked up.
 *
 * @param approvalsRequired           whether the (possibly tightened) policy wants any approvals
 * @param autoRollback                whether a failed deploy or verification rolls back automatically
 * @param knownGood                   the release to roll back to (the newest once-live release before this one), or {@code null}
 * @param rollbackVerificationStarted whether samples of the rollback phase are recorded (so its deploy had finished)
 */
record Circumstances(boolean approvalsRequired, boolean autoRollback, InconclusiveOutcome onInconclusive,
                            Long knownGood, boolean rollbackVerificationStarted) {
    public Circumstances {
        Objects.requireNonNull(onInconclusive, "onInconclusive");
    }
}
