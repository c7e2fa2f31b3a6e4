package io.releaseledger.engine;

import io.releaseledger.release.ReleaseState;
import java.util.Objects;

/**
 * One state change to record, as one ledger transaction with its event.
 *
 * @param rollbackTarget the known-good release redeployed, when moving to {@link ReleaseState#ROLLING_BACK}
 */
record Move(ReleaseState to, String reason, Long rollbackTarget) {
    public Move {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
    }

    static Move to(ReleaseState state, String reason) {
        return new Move(state, reason, null);
    }
}
