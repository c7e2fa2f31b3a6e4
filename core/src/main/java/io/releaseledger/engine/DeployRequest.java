package io.releaseledger.engine;

import io.releaseledger.environment.ApprovalOverride;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.ledger.Actor;
import io.releaseledger.promotion.EmergencyOverride;
import java.util.Objects;

/**
 * A request to deploy a registered version to an environment.
 *
 * @param job       the deploying job's full name, or {@code null} from the command line
 * @param approval  how the pipeline tightens the environment's approval policy ({@code null}: as configured)
 * @param emergency an override of a freeze window, with its reason; {@code null} for none
 */
public record DeployRequest(String environment, String artifactName, String version, Actor actor, String job,
                            VerificationPlan verification, ApprovalOverride approval, EmergencyOverride emergency) {
    public DeployRequest {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(artifactName, "artifactName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(verification, "verification");
    }
}
