package io.releaseledger.engine;

import io.releaseledger.health.VerificationPlan;
import io.releaseledger.ledger.Actor;
import java.util.Objects;

/**
 * A manual rollback: redeploy the last known-good release of an environment, or a named version
 * that was once live there, then verify it.
 *
 * @param toVersion the version to go back to, or {@code null} for the release live before the current one
 */
public record RollbackRequest(String environment, String toVersion, Actor actor, String job,
                              VerificationPlan verification) {
    public RollbackRequest {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(verification, "verification");
    }
}
