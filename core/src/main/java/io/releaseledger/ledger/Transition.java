package io.releaseledger.ledger;

import io.releaseledger.Inputs;
import io.releaseledger.release.ReleaseState;
import java.util.Map;
import java.util.Objects;

/**
 * A move of a release from one state to the next, with why.
 *
 * @param rollbackTargetId when moving to {@link ReleaseState#ROLLING_BACK}: the known-good release redeployed
 * @param details          extra facts for the event (e.g. an emergency override's reason); never secrets
 */
public record Transition(ReleaseState from, ReleaseState to, String reason, Long rollbackTargetId,
                         Map<String, String> details) {
    public Transition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Inputs.text("reason", reason, 2000);
        details = Map.copyOf(details);
        details.forEach((k, v) -> Inputs.text(k, v, 2000));
        if ((to == ReleaseState.ROLLING_BACK) != (rollbackTargetId != null)) {
            throw new IllegalArgumentException("a rollback target is given exactly when moving to ROLLING_BACK");
        }
    }

    public static Transition of(ReleaseState from, ReleaseState to, String reason) {
        return new Transition(from, to, reason, null, Map.of());
    }

    public static Transition rollingBack(ReleaseState from, long targetId, String reason) {
        return new Transition(from, ReleaseState.ROLLING_BACK, reason, targetId, Map.of());
    }
}
